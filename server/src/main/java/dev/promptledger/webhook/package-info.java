/**
 * Webhooks: subscriptions (admin), and the dispatcher that delivers the outbox's events
 * (written by {@code audit.Changes} in each change's transaction) signed per the Standard
 * Webhooks specification, at least once and in order per prompt and webhook, one node at
 * a time, to addresses checked at every connection.
 */
package dev.promptledger.webhook;
