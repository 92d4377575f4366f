/**
 * The Java client of promptledger: {@link dev.promptledger.client.PromptLedger} fetches
 * prompts by name, label or version, keeps them in memory (revalidated with
 * {@code If-None-Match}, kept fresh by the watch stream when enabled, served as they were
 * when the server is unreachable) and renders them locally by the server's rules or
 * remotely. Needs Java 17, {@code java.net.http} and Jackson 2 only.
 */
package dev.promptledger.client;
