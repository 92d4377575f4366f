/**
 * The web UI: Thymeleaf pages over the same services as the API (and so the same rules).
 * <p>
 * May use: {@code prompt}, {@code version}, {@code label}, {@code identity},
 * {@code http}.
 */
package dev.promptledger.web;
