/**
 * The hot read path in front of the framework: a thin shell over {@code prompt.Fetch},
 * {@code identity.Credentials} and {@code http.ApiHeaders} that answers from memory, with
 * its own cache of serialized answers, and hands everything else to the full stack.
 * <p>
 * May use: {@code prompt}, {@code identity}, {@code version}, {@code cache},
 * {@code config}, {@code http}.
 */
package dev.promptledger.fastpath;
