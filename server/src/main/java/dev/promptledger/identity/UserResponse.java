package dev.promptledger.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user on the wire; never any secret. */
public record UserResponse(String username, String role, boolean disabled,
		@JsonProperty("has_password") boolean hasPassword, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("updated_at") Instant updatedAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.username(), user.role().wireName(), user.disabled(), user.passwordHash() != null,
				user.createdAt(), user.updatedAt());
	}

}
