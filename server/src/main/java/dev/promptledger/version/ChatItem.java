package dev.promptledger.version;

import java.util.Objects;

/**
 * One item of a chat prompt's messages: a message ({@code role} and {@code content}), or
 * a placeholder ({@code placeholder} names the list of messages render puts there).
 */
public record ChatItem(String role, String content, String placeholder) {

	public ChatItem {
		if ((placeholder == null) == (role == null || content == null)) {
			throw new IllegalArgumentException("a chat item is a message or a placeholder");
		}
	}

	public static ChatItem message(String role, String content) {
		return new ChatItem(Objects.requireNonNull(role), Objects.requireNonNull(content), null);
	}

	public static ChatItem placeholder(String name) {
		return new ChatItem(null, null, Objects.requireNonNull(name));
	}

	public boolean isPlaceholder() {
		return this.placeholder != null;
	}

	/** The item's heading in the canonical text form of a chat. */
	String heading() {
		return isPlaceholder() ? "[placeholder " + this.placeholder + "]" : this.role;
	}

}
