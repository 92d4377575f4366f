package dev.promptledger.version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One immutable version of a prompt. {@code content} is null when it was not loaded (in
 * lists).
 */
public record Version(UUID id, UUID promptId, int number, String name, String description, String content,
		String contentSha256, Instant createdAt, String author, ChangeType changeType, String message,
		UUID parentVersionId, UUID revertedFromVersionId, ChangeSummary summary, List<String> variables) {

	/** The fields that make the version's prompt what it is; needs the content loaded. */
	public PromptState state() {
		return new PromptState(this.name, this.content, this.description);
	}

	/** This version with {@code text} as its content (null: without it). */
	public Version withContent(String text) {
		return new Version(this.id, this.promptId, this.number, this.name, this.description, text, this.contentSha256,
				this.createdAt, this.author, this.changeType, this.message, this.parentVersionId,
				this.revertedFromVersionId, this.summary, this.variables);
	}

}
