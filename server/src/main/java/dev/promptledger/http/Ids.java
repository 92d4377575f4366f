package dev.promptledger.http;

import java.util.UUID;

/** Ids in URLs are UUIDs in their canonical form; anything else names nothing. */
public final class Ids {

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

	/**
	 * The UUID, or null when {@code value} is not one in canonical form (8-4-4-4-12 hex
	 * digits, either case). Checked by hand: it runs on every hot read by id, where a
	 * regular expression cost about a microsecond of the 15 a read takes.
	 */
	public static UUID parse(String value) {
		if (value == null || value.length() != 36) {
			return null;
		}
		for (int i = 0; i < 36; i++) {
			char c = value.charAt(i);
			boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
			boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (hyphen ? c != '-' : !hex) {
				return null;
			}
		}
		return UUID.fromString(value);
	}

}
