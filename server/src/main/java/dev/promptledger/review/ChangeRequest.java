package dev.promptledger.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A proposal to point {@code label} at {@code toVersionId}, or to delete it when that is
 * null, made while the label pointed at {@code fromVersionId} (null: not set).
 */
record ChangeRequest(UUID id, long seq, UUID promptId, String promptName, String label, UUID fromVersionId,
		Integer fromNumber, UUID toVersionId, Integer toNumber, Status status, int requiredApprovals, Instant createdAt,
		String createdBy, String message, Instant closedAt, String closedBy, String closeComment,
		List<Approval> approvals) {

	enum Status {

		OPEN, APPLIED, STALE, REJECTED, CANCELLED;

		String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Status fromWire(String value) {
			for (Status status : values()) {
				if (status.wireName().equals(value)) {
					return status;
				}
			}
			return null;
		}

	}

	/** One approval: who, when, and what they said. */
	record Approval(String approver, Instant at, String comment) {
	}

	boolean deletes() {
		return this.toVersionId == null;
	}

	ChangeRequest withApprovals(List<Approval> list) {
		return new ChangeRequest(this.id, this.seq, this.promptId, this.promptName, this.label, this.fromVersionId,
				this.fromNumber, this.toVersionId, this.toNumber, this.status, this.requiredApprovals, this.createdAt,
				this.createdBy, this.message, this.closedAt, this.closedBy, this.closeComment, list);
	}

}
