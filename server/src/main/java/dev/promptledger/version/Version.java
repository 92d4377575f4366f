package dev.promptledger.version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One immutable version of a prompt. {@code body} is null when it was not loaded (in
 * lists); {@code document} says how it is stored (see {@link Body}).
 */
public record Version(UUID id, UUID promptId, int number, String name, String description, PromptType type,
		boolean document, Body body, String contentSha256, Instant createdAt, String author, ChangeType changeType,
		String message, UUID parentVersionId, UUID revertedFromVersionId, ChangeSummary summary,
		List<String> variables) {

	/** The fields that make the version's prompt what it is; needs the body loaded. */
	public PromptState state() {
		return new PromptState(this.name, this.description, this.body);
	}

	/** A text version's content, when loaded; null for a chat. */
	public String content() {
		return this.body == null ? null : this.body.content();
	}

	/** This version with {@code loaded} as its body (null: without it). */
	public Version withBody(Body loaded) {
		return new Version(this.id, this.promptId, this.number, this.name, this.description, this.type, this.document,
				loaded, this.contentSha256, this.createdAt, this.author, this.changeType, this.message,
				this.parentVersionId, this.revertedFromVersionId, this.summary, this.variables);
	}

}
