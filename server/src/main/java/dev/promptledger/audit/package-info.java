/**
 * The append-only audit log, and {@link dev.promptledger.audit.Changes}: what every
 * change records in its own transaction (the audit entry and the cache notification to
 * every node).
 * <p>
 * May use: {@code cache}, {@code config}, {@code db}, {@code http}.
 */
package dev.promptledger.audit;
