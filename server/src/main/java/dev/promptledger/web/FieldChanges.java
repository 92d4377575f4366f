package dev.promptledger.web;

import dev.promptledger.version.ContentDiff;
import dev.promptledger.version.Json;
import dev.promptledger.version.Version;

/**
 * What a change does besides the content or messages, shown wherever a diff is: the
 * description before and after, and the config as a line diff of its sorted, indented
 * JSON (so a one-key change reads as one line).
 */
public record FieldChanges(boolean descriptionChanged, String descriptionBefore, String descriptionAfter,
		DiffView config) {

	/** From {@code from} (null: nothing yet) to {@code to}; both with their bodies. */
	static FieldChanges of(Version from, Version to) {
		String before = from == null ? null : from.description();
		String after = to.description();
		boolean description = before == null ? after != null : !before.equals(after);
		String configBefore = from == null || from.body() == null ? "{}" : Json.sortedText(from.body().config());
		String configAfter = to.body() == null ? "{}" : Json.sortedText(to.body().config());
		DiffView config = configBefore.equals(configAfter) ? null
				: DiffView.of(ContentDiff.of("config", configBefore + "\n", "config", configAfter + "\n").hunks());
		return new FieldChanges(description, before, after, config);
	}

	/** The description's two sides with their changed words marked, when worth it. */
	public WordDiff.Marked descriptionWords() {
		return this.descriptionChanged ? WordDiff.of(this.descriptionBefore, this.descriptionAfter) : null;
	}

	public boolean isEmpty() {
		return !this.descriptionChanged && this.config == null;
	}

}
