/**
 * The hot paths in front of the framework. Reads: a thin shell over {@code prompt.Fetch},
 * {@code identity.Credentials} and {@code http.ApiHeaders} that answers from memory, with
 * its own cache of serialized answers, and hands everything else to the full stack.
 * Writes: {@code PUT /prompts/{id}} through {@code prompt.PromptRequests} and
 * {@code prompt.PromptService} as the controller calls them, handing the full stack every
 * case but the plain one, and every refusal.
 * <p>
 * May use: {@code prompt}, {@code identity}, {@code version}, {@code cache},
 * {@code config}, {@code http}.
 */
package dev.promptledger.fastpath;
