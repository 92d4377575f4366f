package dev.promptledger.prompt;

import dev.promptledger.version.DiffResponse;
import dev.promptledger.version.Version;
import dev.promptledger.version.PromptView;

/**
 * What a revert did: wrote a version ({@code written}), or changed nothing, with or
 * without a preview of what confirming would change. The preview is computed on demand
 * from the two versions, after the revert's transaction, so that no diff is computed
 * while a row lock or a connection is held.
 */
public record RevertOutcome(PromptView prompt, Version written, Version head, Version target, boolean changed,
		boolean confirmationRequired) {

	static RevertOutcome written(PromptView prompt, Version written) {
		return new RevertOutcome(prompt, written, null, null, true, false);
	}

	static RevertOutcome unchanged(PromptView prompt, Version head, Version target) {
		return new RevertOutcome(prompt, null, head, target, false, false);
	}

	static RevertOutcome preview(Version head, Version target) {
		return new RevertOutcome(null, null, head, target, true, false);
	}

	/**
	 * Nothing written: the caller must confirm; {@link #preview()} says what confirming
	 * would change.
	 */
	static RevertOutcome needsConfirmation(Version head, Version target) {
		return new RevertOutcome(null, null, head, target, true, true);
	}

	/**
	 * The diff from the current version to the target; null when a version was written.
	 */
	public DiffResponse preview() {
		return this.head == null ? null : DiffResponse.of(this.head, this.target);
	}

}
