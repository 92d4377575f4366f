package dev.promptledger.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a version says about its prompt: the fields whose change makes a new version. */
public record PromptState(String name, String content, String description) {

	public PromptState {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(content, "content");
	}

	/**
	 * The fields that differ from {@code other} (null stands for "nothing yet": every
	 * present field).
	 */
	public List<String> fieldsChangedFrom(PromptState other) {
		List<String> fields = new ArrayList<>(3);
		if (other == null || !this.name.equals(other.name)) {
			fields.add("name");
		}
		if (other == null || !this.content.equals(other.content)) {
			fields.add("content");
		}
		if (other == null ? this.description != null : !Objects.equals(this.description, other.description)) {
			fields.add("description");
		}
		return fields;
	}

}
