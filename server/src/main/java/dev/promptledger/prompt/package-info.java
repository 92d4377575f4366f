/**
 * The prompt API: the rules of every write (what PUT, PATCH and revert change, previews
 * and confirmations), their validation ({@code PromptRequests}), the application fetch
 * ({@code Fetch}, shared with the fast path) and its coherent read cache
 * ({@code PromptReads}), render.
 * <p>
 * May use: {@code version} (to read and to commit), {@code label} (label targets),
 * {@code identity} (the actor), {@code cache}, {@code config}, {@code http}, {@code ops}.
 */
package dev.promptledger.prompt;
