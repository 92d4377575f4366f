package dev.promptledger.webhook;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One event's delivery to one webhook, as the delivery log shows it. */
public record Delivery(@JsonIgnore long seq, @JsonProperty("event_id") UUID eventId, String type,
		@JsonProperty("prompt_id") UUID promptId, String status, int attempts,
		@JsonProperty("last_status_code") Integer lastStatusCode,
		@JsonProperty("last_attempt_at") Instant lastAttemptAt,
		@JsonProperty("next_attempt_at") Instant nextAttemptAt) {
}
