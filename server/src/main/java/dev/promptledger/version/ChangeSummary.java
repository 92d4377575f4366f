package dev.promptledger.version;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a change did: lines and characters added and removed in the content, and the
 * fields it changed.
 */
public record ChangeSummary(@JsonProperty("lines_added") int linesAdded,
		@JsonProperty("lines_removed") int linesRemoved, @JsonProperty("chars_added") int charsAdded,
		@JsonProperty("chars_removed") int charsRemoved, @JsonProperty("fields_changed") List<String> fieldsChanged) {

	public ChangeSummary {
		fieldsChanged = List.copyOf(fieldsChanged);
	}

}
