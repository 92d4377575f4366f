package dev.promptledger.version;

import java.time.Instant;
import java.util.UUID;

/**
 * A live prompt as read: its identity, its current version, and the version shown (the
 * current one, or the one a label or version number selected). Versions carry their
 * content when it was loaded.
 */
public record PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest,
		Version shown) {

	public PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest) {
		this(id, createdAt, createdBy, updatedAt, latest, latest);
	}

	/** The same prompt showing another of its versions. */
	public PromptView showing(Version version) {
		return new PromptView(this.id, this.createdAt, this.createdBy, this.updatedAt, this.latest, version);
	}

	/** Roughly how many bytes this view holds, for weighing cache entries. */
	public int weight() {
		int latest = this.latest.content() == null ? 0 : this.latest.content().length();
		int shown = this.shown == this.latest || this.shown.content() == null ? 0 : this.shown.content().length();
		return 2 * (latest + shown) + 2048;
	}

}
