package dev.promptledger.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in URLs are UUIDs in their canonical form; anything else names nothing. */
public final class Ids {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Ids() {
	}

	/**
	 * The id of a prompt named in a URL; 404 {@code prompt_not_found} when it cannot be
	 * one.
	 */
	public static UUID prompt(String value) {
		UUID id = parse(value);
		if (id == null) {
			throw new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + value + ".");
		}
		return id;
	}

	/** The UUID, or null when {@code value} is not one. */
	public static UUID parse(String value) {
		if (value == null || !CANONICAL.matcher(value).matches()) {
			return null;
		}
		return UUID.fromString(value);
	}

}
