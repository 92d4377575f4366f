package dev.promptledger.review;

import dev.promptledger.version.VersionRef;

/** What a change request asks: point {@code label} at {@code version}, or delete it. */
public record Proposal(String label, VersionRef version, boolean delete, String message) {
}
