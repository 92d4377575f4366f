package dev.promptledger.version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A live prompt as read: its identity, its current version, and the version shown (the
 * current one, or the one a label or version number selected). Versions carry their
 * content when it was loaded. {@code tags} are the prompt's, sorted.
 */
public record PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest, Version shown,
		List<String> tags) {

	public PromptView {
		tags = List.copyOf(tags);
	}

	public PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest,
			List<String> tags) {
		this(id, createdAt, createdBy, updatedAt, latest, latest, tags);
	}

	/** The same prompt showing another of its versions. */
	public PromptView showing(Version version) {
		return new PromptView(this.id, this.createdAt, this.createdBy, this.updatedAt, this.latest, version, this.tags);
	}

	/** Roughly how many bytes this view holds, for weighing cache entries. */
	public int weight() {
		long latest = this.latest.body() == null ? 0 : this.latest.body().chars();
		long shown = this.shown == this.latest || this.shown.body() == null ? 0 : this.shown.body().chars();
		return (int) Math.min(Integer.MAX_VALUE, 2 * (latest + shown) + 2048);
	}

}
