package dev.promptledger.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a version says about its prompt: the fields whose change makes a new version (its
 * name, description, and body: content or messages, and config).
 */
public record PromptState(String name, String description, Body body) {

	public PromptState {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(body, "body");
	}

	/** A text prompt without config. */
	public PromptState(String name, String content, String description) {
		this(name, description, Body.text(content));
	}

	/** A text's content; null for a chat. */
	public String content() {
		return this.body.content();
	}

	/** The most characters of a prompt that {@code GET /prompts?q=} searches. */
	public static final int SEARCHED_CHARS = 65_536;

	/**
	 * What a search by {@code q} looks at: the name, the description and the content or
	 * the messages' contents, lower-cased, cut at {@link #SEARCHED_CHARS}.
	 */
	public String searchText() {
		StringBuilder text = new StringBuilder(this.name).append('\n');
		text.append(this.description == null ? "" : this.description).append('\n');
		if (this.body.messages() == null) {
			// a megabyte of content is not lower-cased whole to keep its first 64 Ki
			String content = this.body.content();
			text.append(content, 0, Math.min(content.length(), SEARCHED_CHARS));
		}
		else {
			for (ChatItem item : this.body.messages()) {
				if (text.length() > SEARCHED_CHARS) {
					break;
				}
				text.append(item.isPlaceholder() ? item.placeholder() : item.content()).append('\n');
			}
		}
		String lower = text.toString().toLowerCase(java.util.Locale.ROOT);
		return lower.length() > SEARCHED_CHARS ? lower.substring(0, SEARCHED_CHARS) : lower;
	}

	/**
	 * The fields that differ from {@code other} (null stands for "nothing yet": every
	 * present field).
	 */
	public List<String> fieldsChangedFrom(PromptState other) {
		List<String> fields = new ArrayList<>(5);
		if (other == null || !this.name.equals(other.name)) {
			fields.add("name");
		}
		Body before = other == null ? null : other.body;
		if (this.body.content() != null && (before == null || !this.body.content().equals(before.content()))) {
			fields.add("content");
		}
		if (this.body.messages() != null && (before == null || !this.body.messages().equals(before.messages()))) {
			fields.add("messages");
		}
		if (other == null ? this.description != null : !Objects.equals(this.description, other.description)) {
			fields.add("description");
		}
		if (before == null ? !this.body.config().isEmpty() : !this.body.config().equals(before.config())) {
			fields.add("config");
		}
		return fields;
	}

}
