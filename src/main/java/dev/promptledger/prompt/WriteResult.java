package dev.promptledger.prompt;

/** A prompt after a write, and whether the write made a new version. */
public record WriteResult(PromptView prompt, boolean changed) {
}
