package dev.promptledger.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A subscriber; {@code secret} is on the wire only in the answer to its creation.
 */
public record Webhook(UUID id, String url, List<String> events, String description,
		@JsonInclude(JsonInclude.Include.NON_NULL) String secret, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("created_by") String createdBy) {

	/** This webhook as every later read shows it: without its secret. */
	@JsonIgnore
	public Webhook withoutSecret() {
		return new Webhook(this.id, this.url, this.events, this.description, null, this.createdAt, this.createdBy);
	}

}
