package dev.promptledger.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.promptledger.version.DiffResponse;
import dev.promptledger.version.VersionResponse;

/**
 * A change request on the wire. {@code diff} (from the version the label pointed at when
 * the request was opened, or from nothing when it was not set, to the proposed one) and
 * {@code proposed} (that version with its body, the reviewer's preview) come with a
 * single request, not in lists, and not for a delete.
 */
public record ChangeRequestResponse(UUID id, @JsonProperty("prompt_id") UUID promptId,
		@JsonProperty("prompt_name") String promptName, String label,
		@JsonProperty("from_version_id") UUID fromVersionId, @JsonProperty("from_number") Integer fromNumber,
		@JsonProperty("to_version_id") UUID toVersionId, @JsonProperty("to_number") Integer toNumber, boolean delete,
		String status, @JsonProperty("created_by") String createdBy, @JsonProperty("created_at") Instant createdAt,
		String message, List<ApprovalResponse> approvals, @JsonProperty("required_approvals") int requiredApprovals,
		@JsonProperty("approver_role") String approverRole, @JsonProperty("closed_at") Instant closedAt,
		@JsonProperty("closed_by") String closedBy, String comment,
		@JsonInclude(JsonInclude.Include.NON_NULL) DiffResponse diff,
		@JsonInclude(JsonInclude.Include.NON_NULL) VersionResponse proposed) {

	public record ApprovalResponse(String approver, Instant at, String comment) {
	}

	/** Whether the request can still be approved, rejected or cancelled. */
	public boolean open() {
		return "open".equals(this.status);
	}

}
