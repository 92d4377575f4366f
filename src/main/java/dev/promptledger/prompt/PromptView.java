package dev.promptledger.prompt;

import java.time.Instant;
import java.util.UUID;

import dev.promptledger.version.Version;

/**
 * A live prompt as read: its identity, its current version, and the version shown (the
 * current one, or the one a label or version number selected). Versions carry their
 * content when it was loaded.
 */
public record PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest,
		Version shown) {

	PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest) {
		this(id, createdAt, createdBy, updatedAt, latest, latest);
	}

	/** The same prompt showing another of its versions. */
	PromptView showing(Version version) {
		return new PromptView(this.id, this.createdAt, this.createdBy, this.updatedAt, this.latest, version);
	}

	/** Roughly how many bytes this view holds, for weighing cache entries. */
	int weight() {
		int latest = this.latest.content() == null ? 0 : this.latest.content().length();
		int shown = this.shown == this.latest || this.shown.content() == null ? 0 : this.shown.content().length();
		return 2 * (latest + shown) + 2048;
	}

}
