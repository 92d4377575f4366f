/**
 * Backup and restore of the whole database to one checked file, streamed table by table.
 * <p>
 * May use: {@code schema}, {@code config}.
 */
package dev.promptledger.backup;
