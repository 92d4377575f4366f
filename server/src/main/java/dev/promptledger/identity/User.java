package dev.promptledger.identity;

import java.time.Instant;

/** A user as stored; the password hash never leaves the identity package. */
record User(String username, Role role, String passwordHash, boolean disabled, Instant createdAt, Instant updatedAt) {
}
