package dev.promptledger.label;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A label as set: the version it points to, and who set it when. */
public record Label(String label, @JsonProperty("version_id") UUID versionId, int number,
		@JsonProperty("updated_at") Instant updatedAt, @JsonProperty("updated_by") String updatedBy) {
}
