/**
 * Import and export of prompts as files and CSV, through the prompt services.
 * <p>
 * May use: {@code prompt}, {@code version}, {@code label}, {@code identity},
 * {@code config}, {@code http}.
 */
package dev.promptledger.exchange;
