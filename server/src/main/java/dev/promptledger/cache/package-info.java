/**
 * Coherence of every node's caches: the LISTEN connection, notifications sent in the
 * writing transaction, and {@link dev.promptledger.cache.CoherentCache}, the one
 * implementation of the protocol that every cache of changing data uses.
 * <p>
 * May use: {@code config}.
 */
package dev.promptledger.cache;
