package dev.promptledger.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.Ids;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;
import dev.promptledger.label.LabelPolicies;
import dev.promptledger.label.LabelPolicy;
import dev.promptledger.version.DiffResponse;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionResponse;
import dev.promptledger.version.VersionService;

/**
 * Reading change requests: one with its diff and the proposed version (computed after the
 * read, with no connection held), and pages of them with the terms their policy asks for
 * now. The steps that change them are {@link ChangeRequests}'.
 */
@Service
public class ChangeRequestReads {

	private final ChangeRequestStore store;

	private final LabelPolicies policies;

	private final VersionService versions;

	private final Cursors cursors;

	private final TransactionTemplate transaction;

	ChangeRequestReads(ChangeRequestStore store, LabelPolicies policies, VersionService versions, Cursors cursors,
			PlatformTransactionManager transactions) {
		this.store = store;
		this.policies = policies;
		this.versions = versions;
		this.cursors = cursors;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** A request with its diff and the proposed version; 404 when there is none. */
	public ChangeRequestResponse get(UUID id) {
		ChangeRequest request = this.transaction.execute(status -> this.store.find(id))
			.filter(found -> found.promptName() != null)
			.orElseThrow(() -> ChangeRequests.notFound(id));
		DiffResponse diff = null;
		VersionResponse proposed = null;
		if (!request.deletes()) {
			Version to = this.versions.get(request.promptId(), request.toVersionId().toString());
			Version from = request.fromVersionId() == null ? null
					: this.versions.get(request.promptId(), request.fromVersionId().toString());
			diff = DiffResponse.of(from, to);
			proposed = VersionResponse.of(to, true, List.of());
		}
		return response(request, ApprovalTerms.of(this.policies.find(request.label()).orElse(null)), diff, proposed);
	}

	/** The request named by a path segment; 404 when it names none. */
	public ChangeRequestResponse get(String id) {
		UUID parsed = Ids.parse(id);
		if (parsed == null) {
			throw ChangeRequests.notFound(id);
		}
		return get(parsed);
	}

	/**
	 * Requests of live prompts, newest first: of one prompt when {@code promptId} is
	 * given, in one status when {@code status} is.
	 */
	public Page<ChangeRequestResponse> list(UUID promptId, String status, String limit, String cursor) {
		ChangeRequest.Status wanted = null;
		if (status != null && !status.isEmpty()) {
			wanted = ChangeRequest.Status.fromWire(status);
			if (wanted == null) {
				throw ApiException.invalidParameter("status",
						"must be one of open, applied, stale, rejected, cancelled");
			}
		}
		ChangeRequest.Status filter = wanted;
		String scope = "change-requests\n" + promptId + "\n" + status;
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		Long before = page.position() == null ? null : Long.valueOf(page.position());
		List<ChangeRequest> rows = this.transaction.execute(tx -> {
			if (promptId != null) {
				this.versions.requireLive(promptId);
			}
			return this.store.page(promptId, filter, before, page.limit() + 1);
		});
		Map<String, LabelPolicy> byLabel = this.policies.byLabel();
		Page<ChangeRequest> found = Keyset.page(rows, page.limit(), this.cursors, scope, ChangeRequest::seq);
		return new Page<>(found.items()
			.stream()
			.map(r -> response(r, ApprovalTerms.of(byLabel.get(r.label())), null, null))
			.toList(), found.nextCursor());
	}

	private static ChangeRequestResponse response(ChangeRequest r, ApprovalTerms terms, DiffResponse diff,
			VersionResponse proposed) {
		boolean open = r.status() == ChangeRequest.Status.OPEN;
		return new ChangeRequestResponse(r.id(), r.promptId(), r.promptName(), r.label(), r.fromVersionId(),
				r.fromNumber(), r.toVersionId(), r.toNumber(), r.deletes(), r.status().wireName(), r.createdBy(),
				r.createdAt(), r.message(),
				r.approvals()
					.stream()
					.map(a -> new ChangeRequestResponse.ApprovalResponse(a.approver(), a.at(), a.comment()))
					.toList(),
				open ? terms.required() : r.requiredApprovals(), terms.approver().wireName(), r.closedAt(),
				r.closedBy(), r.closeComment(), diff, proposed);
	}

}
