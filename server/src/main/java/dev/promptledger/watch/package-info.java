/**
 * {@code GET /prompts/watch}: server-sent events that tell a client what the names it
 * watches resolve to, at once and again whenever that changes, fed by the changes this
 * node hears of (its own, and the others' through its LISTEN connection).
 */
package dev.promptledger.watch;
