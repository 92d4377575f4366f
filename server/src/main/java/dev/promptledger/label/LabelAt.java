package dev.promptledger.label;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a label pointed to at a moment: the version, and since when (the move that set
 * it).
 */
public record LabelAt(String label, @JsonProperty("version_id") UUID versionId, int number, Instant since) {
}
