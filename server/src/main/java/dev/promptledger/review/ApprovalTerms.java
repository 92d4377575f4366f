package dev.promptledger.review;

import dev.promptledger.identity.Role;
import dev.promptledger.label.LabelPolicy;

/**
 * Who approves a change of a label, and how many approvals it takes, by its policy now.
 */
record ApprovalTerms(Role approver, int required) {

	/** Who approves a request for a label that has no policy (any more). */
	static final Role DEFAULT_APPROVER = Role.MAINTAINER;

	static ApprovalTerms of(LabelPolicy policy) {
		return policy == null ? new ApprovalTerms(DEFAULT_APPROVER, 1)
				: new ApprovalTerms(policy.approverRole(), policy.requiredApprovals());
	}

}
