/**
 * Labels and the history of their moves: the {@code prompt_label} and {@code label_event}
 * tables. A move locks its prompt through the ledger and records itself through
 * {@code audit.Changes}.
 * <p>
 * May use: {@code version}, {@code audit}, {@code identity}, {@code config},
 * {@code http}.
 */
package dev.promptledger.label;
