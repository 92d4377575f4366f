package dev.promptledger.version;

import java.util.Locale;

/** How a version came to be. */
public enum ChangeType {

	CREATE, UPDATE, PATCH, REVERT;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ChangeType fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
