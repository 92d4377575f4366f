package dev.promptledger.schema;

/**
 * The database's schema is one this node must not run on, or cannot be brought up to
 * date.
 */
public class SchemaException extends RuntimeException {

	private final String action;

	SchemaException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/** What the operator should do about it. */
	public String action() {
		return this.action;
	}

}
