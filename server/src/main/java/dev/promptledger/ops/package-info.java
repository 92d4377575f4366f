/**
 * What operators see: health, request ids, the log format, counters that count once
 * committed.
 * <p>
 * May use: nothing of promptledger.
 */
package dev.promptledger.ops;
