package dev.promptledger.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/** One audit entry on the wire; {@code seq} orders entries and positions cursors. */
public record AuditEntry(UUID id, @JsonIgnore long seq, Instant at, String actor, String action,
		@JsonProperty("prompt_id") UUID promptId, @JsonProperty("version_id") UUID versionId, JsonNode details) {
}
