package dev.promptledger.http;

/**
 * A request checked by its feature's rules (the parser of a JSON body, or the check of a
 * form or an import): what it asks, or why it cannot be done. The services take checked
 * requests and decide the order of the answers, once for every caller (API, UI,
 * importer): a prompt that does not exist is a 404 before a bad body is a 400.
 */
public final class Checked<T> {

	private final T value;

	private final ApiException problem;

	private Checked(T value, ApiException problem) {
		this.value = value;
		this.problem = problem;
	}

	public static <T> Checked<T> ok(T value) {
		return new Checked<>(value, null);
	}

	public static <T> Checked<T> failed(ApiException problem) {
		return new Checked<>(null, problem);
	}

	/** Parses with {@code parser}, which throws when the request breaks a rule. */
	public static <T> Checked<T> of(java.util.function.Supplier<T> parser) {
		try {
			return ok(parser.get());
		}
		catch (ApiException ex) {
			return failed(ex);
		}
	}

	public boolean failed() {
		return this.problem != null;
	}

	/** The request, or its problem thrown. */
	public T get() {
		if (this.problem != null) {
			throw this.problem;
		}
		return this.value;
	}

}
