package dev.promptledger.version;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A live prompt as read: its identity, its current version, and the version shown (the
 * current one, or the one a label or version number selected). Versions carry their
 * content when it was loaded. {@code tags} are the prompt's, sorted; {@code labels} the
 * names that point at each labelled version, sorted.
 */
public record PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest, Version shown,
		List<String> tags, Map<UUID, List<String>> labels) {

	public PromptView {
		tags = List.copyOf(tags);
		labels = Map.copyOf(labels);
	}

	public PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest,
			List<String> tags, Map<UUID, List<String>> labels) {
		this(id, createdAt, createdBy, updatedAt, latest, latest, tags, labels);
	}

	/** The same prompt showing another of its versions. */
	public PromptView showing(Version version) {
		return new PromptView(this.id, this.createdAt, this.createdBy, this.updatedAt, this.latest, version, this.tags,
				this.labels);
	}

	/** The labels that point at {@code version} now, sorted. */
	public List<String> labelsOf(Version version) {
		return this.labels.getOrDefault(version.id(), List.of());
	}

	/** Roughly how many bytes this view holds, for weighing cache entries. */
	public int weight() {
		long latest = this.latest.body() == null ? 0 : this.latest.body().chars();
		long shown = this.shown == this.latest || this.shown.body() == null ? 0 : this.shown.body().chars();
		return (int) Math.min(Integer.MAX_VALUE, 2 * (latest + shown) + 2048);
	}

}
