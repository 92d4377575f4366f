package dev.promptledger.client;

import java.util.List;

/**
 * What the server refused ({@link #status()} and the problem's {@link #code()}, such as
 * {@code prompt_not_found} or {@code label_not_found}), what a local render could not do
 * ({@code missing_variables}, with {@link #missing()}), or that the server could not be
 * reached (status 0, code {@code unreachable}).
 */
public class PromptLedgerException extends RuntimeException {

	private final int status;

	private final String code;

	private final List<String> missing;

	public PromptLedgerException(int status, String code, String message) {
		this(status, code, message, List.of(), null);
	}

	PromptLedgerException(int status, String code, String message, List<String> missing, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.code = code;
		this.missing = List.copyOf(missing);
	}

	static PromptLedgerException unreachable(String what, Throwable cause) {
		return new PromptLedgerException(0, "unreachable", what + ": " + cause, List.of(), cause);
	}

	static PromptLedgerException missingVariables(List<String> missing) {
		return new PromptLedgerException(400, "missing_variables",
				"Missing variables: " + String.join(", ", missing) + ".", missing, null);
	}

	/** The HTTP status; 0 when no answer came. */
	public int status() {
		return this.status;
	}

	/** The problem's stable code. */
	public String code() {
		return this.code;
	}

	/** For {@code missing_variables}: every name that was missing. */
	public List<String> missing() {
		return this.missing;
	}

	/** Whether the prompt, its label or its version does not exist. */
	public boolean isNotFound() {
		return this.status == 404;
	}

}
