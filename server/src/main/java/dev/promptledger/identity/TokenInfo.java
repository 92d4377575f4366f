package dev.promptledger.identity;

import java.time.Instant;
import java.util.UUID;

/** An API token without its secret. */
public record TokenInfo(UUID id, String username, String name, Instant createdAt, Instant revokedAt) {
}
