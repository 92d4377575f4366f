package dev.promptledger.prompt;

import java.time.Instant;
import java.util.UUID;

import dev.promptledger.version.Version;

/** A live prompt as read: its identity, and its current version (with content when it was loaded). */
public record PromptView(UUID id, Instant createdAt, String createdBy, Instant updatedAt, Version latest) {
}
