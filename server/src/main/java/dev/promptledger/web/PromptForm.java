package dev.promptledger.web;

import dev.promptledger.prompt.PromptDraft;
import dev.promptledger.prompt.PromptPatch;

/**
 * The fields of the create and edit forms, as posted; an empty description or message
 * means none.
 */
record PromptForm(String name, String description, String content, String message, String baseVersionId) {

	static PromptForm empty() {
		return new PromptForm("", "", "", "", null);
	}

	PromptDraft draft() {
		return new PromptDraft(trim(this.name), this.content == null ? "" : normalize(this.content),
				blankToNull(this.description), blankToNull(this.message));
	}

	/** The edit as a patch of the fields the form shows. */
	PromptPatch patch() {
		PromptDraft draft = draft();
		return new PromptPatch(draft.name(), draft.content(), true, draft.description(), draft.message());
	}

	/**
	 * Browsers send CRLF line breaks from a textarea; prompts keep the LF the API would
	 * have stored.
	 */
	private static String normalize(String text) {
		return text.replace("\r\n", "\n");
	}

	private static String trim(String value) {
		return value == null ? null : value.trim();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : normalize(value);
	}

}
