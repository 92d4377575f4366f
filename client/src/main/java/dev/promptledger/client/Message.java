package dev.promptledger.client;

import java.util.Objects;

/**
 * One item of a chat prompt: a message ({@code role} and {@code content}), or a
 * placeholder ({@code placeholder} names it) that rendering replaces by a list of
 * messages.
 */
public record Message(String role, String content, String placeholder) {

	public Message {
		if ((placeholder == null) == (role == null || content == null)) {
			throw new IllegalArgumentException("a message has a role and a content, or is a placeholder");
		}
	}

	public static Message of(String role, String content) {
		return new Message(Objects.requireNonNull(role, "role"), Objects.requireNonNull(content, "content"), null);
	}

	public static Message placeholder(String name) {
		return new Message(null, null, Objects.requireNonNull(name, "name"));
	}

	public boolean isPlaceholder() {
		return this.placeholder != null;
	}

}
