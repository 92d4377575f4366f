package dev.promptledger.prompt;

/**
 * A revert's body and query: confirmation, an optional message, and whether it is only a
 * dry run.
 */
public record RevertRequest(boolean confirm, String message, boolean dryRun) {
}
