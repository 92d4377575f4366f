package dev.promptledger.label;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One move of a label: created (no from), moved, or deleted (no to), with its reason when
 * one was given, and the change request that made it when one did.
 */
public record LabelEvent(@JsonIgnore long seq, Instant at, String actor,
		@JsonProperty("from_version_id") UUID fromVersionId, @JsonProperty("to_version_id") UUID toVersionId,
		@JsonProperty("from_number") Integer fromNumber, @JsonProperty("to_number") Integer toNumber, String message,
		@JsonProperty("change_request_id") UUID changeRequestId) {
}
