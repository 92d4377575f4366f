package dev.promptledger.prompt;

import dev.promptledger.version.PromptView;

/** A prompt after a write, and whether the write made a new version. */
public record WriteResult(PromptView prompt, boolean changed) {
}
