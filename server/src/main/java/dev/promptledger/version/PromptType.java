package dev.promptledger.version;

import java.util.Locale;

/**
 * What a prompt holds, fixed when it is created: a text's {@code content}, or a chat's
 * {@code messages}.
 */
public enum PromptType {

	TEXT, CHAT;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The type of this wire name, or null for an unknown one. */
	public static PromptType fromWire(String name) {
		for (PromptType type : values()) {
			if (type.wireName().equals(name)) {
				return type;
			}
		}
		return null;
	}

}
