package dev.promptledger.version;

import java.util.UUID;

import dev.promptledger.http.Ids;

/**
 * A version named in a URL or body: by its id or by its number. Malformed references name
 * nothing (404).
 */
public record VersionRef(UUID id, Integer number) {

	/**
	 * Parses a path segment: all digits is a number, anything else must be a version id.
	 */
	public static VersionRef parse(String value) {
		if (value == null || value.isEmpty() || value.length() > 64) {
			return null;
		}
		if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
			if (value.length() > 9) {
				return null;
			}
			int number = Integer.parseInt(value);
			return number < 1 ? null : new VersionRef(null, number);
		}
		UUID id = Ids.parse(value);
		return id == null ? null : new VersionRef(id, null);
	}

	/**
	 * A body's {@code version} member: a number (1 or more) or a version id string; null
	 * when it is neither.
	 */
	public static VersionRef fromJson(tools.jackson.databind.JsonNode value) {
		if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1) {
			return new VersionRef(null, value.intValue());
		}
		if (value.isString() && Ids.parse(value.stringValue()) != null) {
			return new VersionRef(Ids.parse(value.stringValue()), null);
		}
		return null;
	}

	@Override
	public String toString() {
		return this.id != null ? this.id.toString() : "v" + this.number;
	}

}
