package dev.promptledger.label;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Changes;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Role;

/**
 * The label policies (docs/api.md, Label policies and change requests): who may move a
 * label name directly, on any prompt, and how many approvals a change request of it
 * needs. Every direct move or delete of a label asks {@link #requireDirect} first.
 */
@Service
public class LabelPolicies {

	/** What a {@code PUT /label-policies/{label}} asks for. */
	public record Request(int approvals, Role approverRole) {
	}

	/** The role that moves a label without a policy. */
	/** The most approvals a policy may ask for. */
	public static final int MAX_APPROVALS = 5;

	public static final Role WITHOUT_POLICY = Role.TO_MOVE_LABELS;

	private final PolicyStore store;

	private final Changes changes;

	private final Clock clock;

	LabelPolicies(PolicyStore store, Changes changes, Clock clock) {
		this.store = store;
		this.changes = changes;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<LabelPolicy> list() {
		return this.store.all();
	}

	/** Every policy by its label, for showing beside the labels they guard. */
	@Transactional(readOnly = true)
	public Map<String, LabelPolicy> byLabel() {
		Map<String, LabelPolicy> byLabel = new LinkedHashMap<>();
		this.store.all().forEach(policy -> byLabel.put(policy.label(), policy));
		return byLabel;
	}

	@Transactional(readOnly = true)
	public Optional<LabelPolicy> find(String label) {
		return this.store.find(label);
	}

	/** The policy of {@code label}; 404 {@code policy_not_found} when it has none. */
	@Transactional(readOnly = true)
	public LabelPolicy get(String label) {
		return this.store.find(label).orElseThrow(() -> notFound(label));
	}

	/**
	 * Sets the policy of {@code label}; nothing is recorded when it is that policy
	 * already.
	 */
	@Transactional
	public LabelPolicy set(Actor actor, String label, Checked<Request> checked) {
		Request request = checked.get();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		LabelPolicy next = new LabelPolicy(label, request.approvals(), request.approverRole(), now, actor.username());
		LabelPolicy current = this.store.lock(label).orElse(null);
		if (current != null && current.approvals() == next.approvals()
				&& current.approverRole() == next.approverRole()) {
			return current;
		}
		if (current == null && !this.store.insert(next)) {
			// set at the same moment by another admin, who committed first: this one is
			// the later
			current = this.store.lock(label).orElse(null);
		}
		if (current != null) {
			this.store.update(next);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("label", label);
		details.put("from", current == null ? null : terms(current));
		details.put("to", terms(next));
		this.changes.record(actor.username(), AuditAction.POLICY_SET, null, null, details, now);
		return next;
	}

	@Transactional
	public void delete(Actor actor, String label) {
		LabelPolicy current = this.store.lock(label).orElseThrow(() -> notFound(label));
		this.store.delete(label);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("label", label);
		details.put("from", terms(current));
		this.changes.record(actor.username(), AuditAction.POLICY_DELETE, null, null, details, now);
	}

	/**
	 * Refuses a direct move or delete of {@code label} by {@code actor} that its policy
	 * does not allow: 409 {@code approval_required} when it takes approvals (whoever
	 * asks, admins and their tokens too), 403 when it takes a higher role.
	 */
	@Transactional(readOnly = true)
	public void requireDirect(Actor actor, String label) {
		LabelPolicy policy = this.store.find(label).orElse(null);
		if (policy == null) {
			if (!actor.role().atLeast(WITHOUT_POLICY)) {
				throw forbidden(label, WITHOUT_POLICY);
			}
			return;
		}
		if (policy.needsApproval()) {
			throw new ApiException(ErrorCode.APPROVAL_REQUIRED,
					"Label '" + label + "' needs " + policy.describe() + ": open a change request "
							+ "(POST /prompts/{id}/change-requests) instead of moving or deleting it directly.",
					Map.of("label", label, "required_approvals", policy.approvals()));
		}
		if (!policy.approvableBy(actor.role())) {
			throw forbidden(label, policy.approverRole());
		}
	}

	private static ApiException forbidden(String label, Role role) {
		return new ApiException(ErrorCode.FORBIDDEN,
				"Moving or deleting label '" + label + "' takes the role " + role.wireName() + " or above.");
	}

	/**
	 * The terms of {@code label}'s policy given as the JSON of {@code PUT
	 * /label-policies/{label}} (from the API or the web UI's form).
	 */
	public static Request terms(byte[] json, String label) {
		JsonBody body = JsonBody.parse(json, Set.of("approvals", "approver_role"),
				Set.of("label", "updated_at", "updated_by"));
		String problem = LabelService.nameProblem(label);
		if (problem != null) {
			body.reject("label", problem);
		}
		JsonNode approvals = body.raw("approvals");
		int count = 0;
		if (approvals == null || approvals.isNull()) {
			body.reject("approvals", "is required: 0 to " + MAX_APPROVALS);
		}
		else if (!approvals.isIntegralNumber() || !approvals.canConvertToInt() || approvals.intValue() < 0
				|| approvals.intValue() > MAX_APPROVALS) {
			body.reject("approvals", "must be a whole number from 0 to " + MAX_APPROVALS);
		}
		else {
			count = approvals.intValue();
		}
		Role role = Role.MAINTAINER;
		String roleName = body.string("approver_role", false);
		if (roleName != null) {
			role = Role.fromWire(roleName);
			if (role != Role.MAINTAINER && role != Role.ADMIN) {
				body.reject("approver_role", "must be maintainer or admin");
				role = Role.MAINTAINER;
			}
		}
		body.validate();
		return new Request(count, role);
	}

	private static Map<String, Object> terms(LabelPolicy policy) {
		Map<String, Object> terms = new LinkedHashMap<>();
		terms.put("approvals", policy.approvals());
		terms.put("approver_role", policy.approverRole().wireName());
		return terms;
	}

	private static ApiException notFound(String label) {
		return new ApiException(ErrorCode.POLICY_NOT_FOUND, "Label '" + label + "' has no policy.");
	}

}
