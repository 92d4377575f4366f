package dev.promptledger.label;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.promptledger.identity.Role;

/**
 * How a label name is guarded on every prompt: with {@code approvals} 0 only
 * {@code approverRole} and above move or delete it directly; with more, nobody does, and
 * a change request needs that many approvals from {@code approverRole} and above.
 */
public record LabelPolicy(String label, int approvals, @JsonIgnore Role approverRole,
		@JsonProperty("updated_at") Instant updatedAt, @JsonProperty("updated_by") String updatedBy) {

	@JsonProperty("approver_role")
	public String approverRoleName() {
		return this.approverRole.wireName();
	}

	/** Whether a label under this policy moves only through a change request. */
	public boolean needsApproval() {
		return this.approvals > 0;
	}

	/** The approvals a change request of this label needs: at least one. */
	public int requiredApprovals() {
		return Math.max(1, this.approvals);
	}

	/** Whether {@code role} may approve (or, with no approvals asked, move) the label. */
	public boolean approvableBy(Role role) {
		return role.atLeast(this.approverRole);
	}

	/** How the policy reads to a person: "2 approvals by maintainer or above". */
	public String describe() {
		return this.approvals == 0 ? "moved only by " + this.approverRole.wireName() + " or above"
				: this.approvals + (this.approvals == 1 ? " approval" : " approvals") + " by "
						+ this.approverRole.wireName() + " or above";
	}

}
