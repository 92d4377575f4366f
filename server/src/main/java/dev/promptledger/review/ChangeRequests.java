package dev.promptledger.review;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Changes;
import dev.promptledger.audit.Event;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Ids;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Role;
import dev.promptledger.label.Label;
import dev.promptledger.label.LabelPolicies;
import dev.promptledger.label.LabelService;
import dev.promptledger.version.Ledger;
import dev.promptledger.version.LedgerException;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionService;

/**
 * Opening, approving, rejecting and cancelling change requests (reading them is
 * {@link ChangeRequestReads}'). Each step locks the request's row and then the prompt's
 * (in that order, everywhere), so that steps on several nodes happen one at a time and
 * two last approvals apply once. The approval that reaches the count moves the label in
 * its own transaction; when the label no longer points where the request found it,
 * nothing moves and the request is stale. Diffs and previews are computed after the
 * transaction, with no connection held.
 */
@Service
public class ChangeRequests {

	private final ChangeRequestStore store;

	private final LabelService labels;

	private final LabelPolicies policies;

	private final Ledger ledger;

	private final VersionService versions;

	private final Changes changes;

	private final ChangeRequestReads reads;

	private final Clock clock;

	private final TransactionTemplate transaction;

	ChangeRequests(ChangeRequestStore store, LabelService labels, LabelPolicies policies, Ledger ledger,
			VersionService versions, Changes changes, ChangeRequestReads reads, Clock clock,
			PlatformTransactionManager transactions) {
		this.store = store;
		this.labels = labels;
		this.policies = policies;
		this.ledger = ledger;
		this.versions = versions;
		this.changes = changes;
		this.reads = reads;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Opens a request; answers it with its diff. */
	public ChangeRequestResponse open(Actor actor, UUID promptId, Checked<Proposal> checked) {
		UUID id = this.transaction.execute(status -> {
			if (checked.failed()) {
				this.versions.requireLive(promptId);
			}
			Proposal proposal = checked.get();
			String promptName = lock(promptId);
			Label current = this.labels.find(promptId, proposal.label()).orElse(null);
			Version target = null;
			if (proposal.delete()) {
				if (current == null) {
					throw new ApiException(ErrorCode.LABEL_NOT_FOUND,
							"Prompt " + promptId + " has no label '" + proposal.label() + "' to delete.");
				}
			}
			else {
				target = this.versions.find(promptId, proposal.version())
					.orElseThrow(() -> new ApiException(ErrorCode.VERSION_NOT_FOUND,
							"Prompt " + promptId + " has no version " + proposal.version() + "."));
				if (current != null && current.versionId().equals(target.id())) {
					throw ApiException.validation(List.of(new ApiException.FieldError("version",
							"label '" + proposal.label() + "' already points to version " + target.number() + "")));
				}
			}
			UUID requestId = UUID.randomUUID();
			Instant now = now();
			int required = terms(proposal.label()).required();
			UUID from = current == null ? null : current.versionId();
			UUID to = target == null ? null : target.id();
			this.store.insert(requestId, promptId, proposal.label(), from, to, required, now, actor.username(),
					proposal.message());
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("change_request_id", requestId);
			details.put("label", proposal.label());
			details.put("from_version_id", from);
			details.put("to_version_id", to);
			details.put("delete", proposal.delete());
			if (proposal.message() != null) {
				details.put("message", proposal.message());
			}
			this.changes.record(actor.username(), AuditAction.CHANGE_REQUEST_OPEN, promptId, to, details, now, event(
					Event.CHANGE_REQUEST_OPENED, promptId, promptName, requestId, proposal.label(), from, to, "open"));
			return requestId;
		});
		return this.reads.get(id);
	}

	/**
	 * Approves the request; when that makes the count, applies it. 409
	 * {@code change_request_stale} (after the request is marked so) when the label moved
	 * since it was opened.
	 */
	public ChangeRequestResponse approve(Actor actor, String id, String comment) {
		UUID requestId = parse(id);
		boolean stale = this.transaction.execute(status -> {
			ChangeRequest request = lockOpen(requestId);
			ApprovalTerms terms = terms(request.label());
			if (!actor.role().atLeast(terms.approver())) {
				throw new ApiException(ErrorCode.FORBIDDEN, "Approving a change of label '" + request.label()
						+ "' takes the role " + terms.approver().wireName() + " or above.");
			}
			if (actor.username().equals(request.createdBy())) {
				throw new ApiException(ErrorCode.SELF_APPROVAL,
						"The author of a change request cannot approve it; another approver must.");
			}
			if (request.approvals().stream().anyMatch(a -> a.approver().equals(actor.username()))) {
				throw new ApiException(ErrorCode.ALREADY_APPROVED,
						"You approved change request " + requestId + " already; it needs another approver.");
			}
			Instant now = now();
			this.store.approve(requestId, actor.username(), now, comment);
			Map<String, Object> details = details(request);
			details.put("approvals", request.approvals().size() + 1);
			details.put("required_approvals", terms.required());
			if (comment != null) {
				details.put("comment", comment);
			}
			this.changes.record(actor.username(), AuditAction.CHANGE_REQUEST_APPROVE, request.promptId(),
					request.toVersionId(), details, now);
			if (request.approvals().size() + 1 < terms.required()) {
				this.store.requireApprovals(requestId, terms.required());
				return false;
			}
			String promptName = lock(request.promptId());
			UUID pointsTo = this.labels.find(request.promptId(), request.label()).map(Label::versionId).orElse(null);
			if (!Objects.equals(pointsTo, request.fromVersionId())) {
				close(actor, request, ChangeRequest.Status.STALE, terms.required(), null, promptName, now);
				return true;
			}
			this.labels.apply(actor, request.promptId(), promptName, request.label(), request.toVersionId(),
					request.message(), requestId);
			close(actor, request, ChangeRequest.Status.APPLIED, terms.required(), null, promptName, now);
			return false;
		});
		if (stale) {
			throw new ApiException(ErrorCode.CHANGE_REQUEST_STALE, "Label moved since change request " + requestId
					+ " was opened: nothing moved, and the request is stale. Open a new one against where it points now.");
		}
		return this.reads.get(requestId);
	}

	/** Rejects the request (approvers, with a comment). */
	public ChangeRequestResponse reject(Actor actor, String id, String comment) {
		UUID requestId = parse(id);
		this.transaction.executeWithoutResult(status -> {
			ChangeRequest request = lockOpen(requestId);
			ApprovalTerms terms = terms(request.label());
			if (!actor.role().atLeast(terms.approver())) {
				throw new ApiException(ErrorCode.FORBIDDEN, "Rejecting a change of label '" + request.label()
						+ "' takes the role " + terms.approver().wireName() + " or above.");
			}
			close(actor, request, ChangeRequest.Status.REJECTED, terms.required(), comment, lock(request.promptId()),
					now());
		});
		return this.reads.get(requestId);
	}

	/** Cancels the request (its author or an admin). */
	public ChangeRequestResponse cancel(Actor actor, String id, String comment) {
		UUID requestId = parse(id);
		this.transaction.executeWithoutResult(status -> {
			ChangeRequest request = lockOpen(requestId);
			if (!actor.username().equals(request.createdBy()) && actor.role() != Role.ADMIN) {
				throw new ApiException(ErrorCode.FORBIDDEN,
						"Only the author of a change request, or an admin, may cancel it.");
			}
			close(actor, request, ChangeRequest.Status.CANCELLED, request.requiredApprovals(), comment,
					lock(request.promptId()), now());
		});
		return this.reads.get(requestId);
	}

	private ApprovalTerms terms(String label) {
		return ApprovalTerms.of(this.policies.find(label).orElse(null));
	}

	private ChangeRequest lockOpen(UUID id) {
		if (!this.store.lock(id)) {
			throw notFound(id.toString());
		}
		ChangeRequest request = this.store.find(id).orElseThrow(() -> notFound(id.toString()));
		if (request.status() != ChangeRequest.Status.OPEN) {
			throw new ApiException(ErrorCode.CHANGE_REQUEST_CLOSED,
					"Change request " + id + " is " + request.status().wireName() + "; only open requests change.");
		}
		return request;
	}

	private void close(Actor actor, ChangeRequest request, ChangeRequest.Status status, int required, String comment,
			String promptName, Instant now) {
		this.store.close(request.id(), status, required, actor.username(), now, comment);
		AuditAction action = switch (status) {
			case APPLIED -> AuditAction.CHANGE_REQUEST_APPLY;
			case STALE -> AuditAction.CHANGE_REQUEST_STALE;
			case REJECTED -> AuditAction.CHANGE_REQUEST_REJECT;
			case CANCELLED -> AuditAction.CHANGE_REQUEST_CANCEL;
			case OPEN -> throw new IllegalArgumentException("a request is closed to another status");
		};
		Map<String, Object> details = details(request);
		details.put("status", status.wireName());
		if (comment != null) {
			details.put("comment", comment);
		}
		this.changes.record(actor.username(), action, request.promptId(), request.toVersionId(), details, now,
				event(status == ChangeRequest.Status.APPLIED ? Event.CHANGE_REQUEST_APPLIED
						: Event.CHANGE_REQUEST_CLOSED, request.promptId(), promptName, request.id(), request.label(),
						request.fromVersionId(), request.toVersionId(), status.wireName()));
	}

	private static Map<String, Object> details(ChangeRequest request) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("change_request_id", request.id());
		details.put("label", request.label());
		details.put("from_version_id", request.fromVersionId());
		details.put("to_version_id", request.toVersionId());
		return details;
	}

	private static Event event(String type, UUID promptId, String promptName, UUID requestId, String label, UUID from,
			UUID to, String status) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("id", requestId);
		request.put("label", label);
		request.put("from_version_id", from);
		request.put("to_version_id", to);
		request.put("delete", to == null);
		request.put("status", status);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("label", label);
		data.put("change_request", request);
		return Event.of(type, promptId, promptName, data);
	}

	private String lock(UUID promptId) {
		try {
			return this.ledger.lockRow(promptId);
		}
		catch (LedgerException.PromptNotFound ex) {
			throw new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + promptId + ".");
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static UUID parse(String id) {
		UUID parsed = Ids.parse(id);
		if (parsed == null) {
			throw notFound(id);
		}
		return parsed;
	}

	static ApiException notFound(Object id) {
		return new ApiException(ErrorCode.CHANGE_REQUEST_NOT_FOUND, "No change request " + id + ".");
	}

}
