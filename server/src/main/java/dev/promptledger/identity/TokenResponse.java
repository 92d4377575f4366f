package dev.promptledger.identity;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A token on the wire. {@code token}, the secret, is present only in the answer that
 * issues it; {@code revoked_at} only in listings.
 */
record TokenResponse(@JsonInclude(JsonInclude.Include.NON_NULL) String token, @JsonProperty("token_id") UUID tokenId,
		String username, @JsonInclude(JsonInclude.Include.NON_NULL) String role,
		@io.swagger.v3.oas.annotations.media.Schema(maxLength = IdentityRequests.MAX_TOKEN_NAME_CHARS,
				nullable = true) String name,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("revoked_at") Instant revokedAt) {

	static TokenResponse listed(TokenInfo info) {
		return new TokenResponse(null, info.id(), info.username(), null, info.name(), info.createdAt(),
				info.revokedAt());
	}

	static TokenResponse issued(IdentityService.IssuedToken issued) {
		TokenInfo info = issued.info();
		return new TokenResponse(issued.token(), info.id(), info.username(), issued.role().wireName(), info.name(),
				info.createdAt(), null);
	}

}
