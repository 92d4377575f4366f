package dev.promptledger.prompt;

import dev.promptledger.version.DiffResponse;
import dev.promptledger.version.Version;

/**
 * What a revert did: wrote a version ({@code written}), or changed nothing, with or without a preview
 * of what confirming would change.
 */
public record RevertOutcome(PromptView prompt, Version written, DiffResponse preview, boolean changed) {

	static RevertOutcome written(PromptView prompt, Version written) {
		return new RevertOutcome(prompt, written, null, true);
	}

	static RevertOutcome unchanged(PromptView prompt, Version head, Version target) {
		return new RevertOutcome(prompt, null, DiffResponse.of(head, target), false);
	}

	static RevertOutcome preview(Version head, Version target) {
		return new RevertOutcome(null, null, DiffResponse.of(head, target), true);
	}

}
