package dev.promptledger.web;

import dev.promptledger.prompt.PromptDraft;
import dev.promptledger.prompt.PromptPatch;

/**
 * The fields of the create and edit forms, as posted; an empty description or message
 * means none.
 * <p>
 * A textarea loses what a prompt's content may hold: the HTML parser drops one newline
 * right after the opening tag, and the browser sends every line break as CRLF, whatever
 * it was. So the form writes one newline before the content ({@link #textarea()}), and
 * carries {@code lineEndings}, the style of the content it was opened with: a content
 * whose breaks were all CRLF gets CRLF back, any other LF. The edit page keeps the
 * content byte for byte when its text did not change at all.
 */
record PromptForm(String name, String description, String content, String message, String baseVersionId,
		String lineEndings) {

	static final String CRLF = "crlf";

	static final String LF = "lf";

	static PromptForm empty() {
		return new PromptForm("", "", "", "", null, LF);
	}

	/** The form of an edit of {@code content}, with its line ending style. */
	static PromptForm editing(String name, String description, String content, String baseVersionId) {
		return new PromptForm(name, description, content, "", baseVersionId, lineEndingsOf(content));
	}

	/** CRLF when every line break of {@code content} is one (and it has one), else LF. */
	static String lineEndingsOf(String content) {
		return content.contains("\r\n") && !content.replace("\r\n", "").contains("\n") ? CRLF : LF;
	}

	/**
	 * What the textarea holds: a first newline that the HTML parser drops, then the
	 * content.
	 */
	public String textarea() {
		return "\n" + (this.content == null ? "" : this.content);
	}

	PromptDraft draft() {
		return new PromptDraft(trim(this.name), this.content == null ? "" : lines(this.content),
				blankToNull(this.description), blankToNull(this.message));
	}

	/** The edit as a patch of the fields the form shows. */
	PromptPatch patch() {
		PromptDraft draft = draft();
		return new PromptPatch(draft.name(), draft.content(), true, draft.description(), draft.message());
	}

	/**
	 * The same, keeping {@code opened} (the content the form was opened on) byte for byte
	 * when the text posted is that text with other line breaks.
	 */
	PromptPatch patch(String opened) {
		PromptPatch patch = patch();
		if (opened != null && this.content != null && lf(this.content).equals(lf(opened))) {
			return new PromptPatch(patch.name(), opened, true, patch.description(), patch.message());
		}
		return patch;
	}

	/** The posted text with the line breaks of the content the form was opened on. */
	private String lines(String text) {
		String lf = lf(text);
		return CRLF.equals(this.lineEndings) ? lf.replace("\n", "\r\n") : lf;
	}

	private static String lf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n');
	}

	/** Browsers send CRLF line breaks from a text field too. */
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
