package dev.promptledger.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;
import dev.promptledger.identity.Actor;
import dev.promptledger.label.LabelService;
import dev.promptledger.version.ChangeType;
import dev.promptledger.version.Ledger;
import dev.promptledger.version.LedgerException;
import dev.promptledger.version.PromptQuery;
import dev.promptledger.version.PromptState;
import dev.promptledger.version.PromptView;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionService;

/**
 * The rules of every write of a prompt; the {@link Ledger} commits it. Each is one
 * transaction: lock the prompt checking If-Match, decide what the new state is, commit.
 */
@Service
public class PromptService {

	private final Ledger ledger;

	private final VersionService versions;

	private final Cursors cursors;

	private final WriteMeters meters;

	private final LabelService labels;

	PromptService(Ledger ledger, VersionService versions, LabelService labels, Cursors cursors, WriteMeters meters) {
		this.ledger = ledger;
		this.labels = labels;
		this.versions = versions;
		this.cursors = cursors;
		this.meters = meters;
	}

	/** A page of the live prompts {@code query} selects, in its order. */
	@Transactional(readOnly = true)
	public Page<PromptView> list(PromptQuery query, String limit, String cursor) {
		String scope = "prompts\n" + query.scope();
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		List<PromptView> rows = this.versions.prompts(query, page.position(), page.limit() + 1);
		return Keyset.page(rows, page.limit(), this.cursors, scope, query.sort()::position);
	}

	@Transactional(readOnly = true)
	public PromptView get(UUID id) {
		return this.versions.prompt(id).orElseThrow(() -> notFound(id));
	}

	@Transactional
	public PromptView create(Actor actor, Checked<PromptDraft> request) {
		PromptDraft draft = request.get();
		mayMoveLabels(actor, draft.labels());
		return refused(() -> {
			Ledger.Head head = this.ledger.create(draft.state(), draft.tags(), actor.username(), draft.message());
			return label(actor, head, draft.labels());
		});
	}

	@Transactional
	public WriteResult replace(Actor actor, UUID id, String ifMatch, Checked<PromptDraft> request) {
		PromptDraft draft = valid(id, request);
		return change(actor, id, ifMatch, draft.replacement(), ChangeType.UPDATE, draft.message(), draft.tags(),
				draft.labels());
	}

	@Transactional
	public WriteResult patch(Actor actor, UUID id, String ifMatch, Checked<PromptPatch> request) {
		PromptPatch patch = valid(id, request);
		return change(actor, id, ifMatch, patch.merge(), ChangeType.PATCH, patch.message(), patch.tags(),
				patch.labels());
	}

	/**
	 * A write of a version (when something changes), of the prompt's tags (when given),
	 * and of labels pointing at the version it leaves current (when given).
	 */
	private WriteResult change(Actor actor, UUID id, String ifMatch, UnaryOperator<PromptState> edit, ChangeType type,
			String message, List<String> tags, List<String> labels) {
		mayMoveLabels(actor, labels);
		return refused(() -> {
			Ledger.Head head = lock(id, ifMatch);
			PromptState next = edit.apply(head.version().state());
			boolean changed = !next.equals(head.version().state());
			if (changed) {
				head = this.ledger.commit(head, next, Ledger.Change.of(actor.username(), type, message));
			}
			if (tags != null) {
				head = this.ledger.retag(head, tags, actor.username());
			}
			return new WriteResult(label(actor, head, labels), changed);
		});
	}

	/**
	 * 403, or 409 {@code approval_required}, before anything is written when the write
	 * carries labels its caller may not move directly.
	 */
	private void mayMoveLabels(Actor actor, List<String> labels) {
		if (labels != null && !labels.isEmpty()) {
			this.labels.requireDirect(actor, labels);
		}
	}

	/**
	 * Points each of {@code labels} at the head's version, as a label move would; the
	 * prompt as it is then.
	 */
	private PromptView label(Actor actor, Ledger.Head head, List<String> labels) {
		if (labels == null || labels.isEmpty()) {
			return head.view();
		}
		for (String name : labels) {
			this.labels.move(actor, head.promptId(), name, this.labels.check(name, head.version().id().toString()));
		}
		return this.versions.prompt(head.promptId()).orElseThrow();
	}

	/**
	 * Reverts to {@code targetRef}: previews it (a dry run, or no confirmation, which the
	 * caller answers with 428), or writes it as a new version. Nothing happens when the
	 * current version already says what the target says. Previews are computed by the
	 * caller, after this transaction.
	 */
	@Transactional
	public RevertOutcome revert(Actor actor, UUID id, String ifMatch, VersionRef targetRef,
			Checked<RevertRequest> checked) {
		RevertRequest request = valid(id, checked);
		return refused(() -> {
			Ledger.Head locked = lock(id, ifMatch);
			Version head = locked.version();
			Version target = (targetRef == null ? null : this.versions.find(id, targetRef).orElse(null));
			if (target == null) {
				throw new ApiException(ErrorCode.VERSION_NOT_FOUND,
						"Prompt " + id + " has no version " + targetRef + ".");
			}
			if (target.state().equals(head.state())) {
				this.meters.revert(WriteMeters.RevertOutcome.UNCHANGED);
				return RevertOutcome.unchanged(locked.view(), head, target);
			}
			if (request.dryRun()) {
				this.meters.revert(WriteMeters.RevertOutcome.PREVIEW);
				return RevertOutcome.preview(head, target);
			}
			if (!request.confirm()) {
				this.meters.revert(WriteMeters.RevertOutcome.CONFIRMATION_REQUIRED);
				return RevertOutcome.needsConfirmation(head, target);
			}
			Ledger.Change change = new Ledger.Change(actor.username(), ChangeType.REVERT, request.message(), target);
			Ledger.Head written = this.ledger.commit(locked, target.state(), change);
			this.meters.revert(WriteMeters.RevertOutcome.WRITTEN);
			return RevertOutcome.written(written.view(), written.version());
		});
	}

	@Transactional
	public void delete(Actor actor, UUID id, String ifMatch) {
		refused(() -> {
			this.ledger.delete(lock(id, ifMatch), actor.username());
			return null;
		});
	}

	/**
	 * The checked request of a write to prompt {@code id}; when it breaks a rule, a 404
	 * for a prompt that does not exist comes first, as the contract orders the checks.
	 */
	private <T> T valid(UUID id, Checked<T> request) {
		if (request.failed()) {
			this.versions.requireLive(id);
		}
		return request.get();
	}

	private Ledger.Head lock(UUID id, String ifMatch) {
		return this.ledger.lock(id, head -> EntityTags.ifMatchAllows(ifMatch, head));
	}

	/** Runs a write, telling the client why the ledger refused it. */
	private static <T> T refused(Supplier<T> write) {
		try {
			return write.get();
		}
		catch (LedgerException.PromptNotFound ex) {
			throw notFound(ex.promptId());
		}
		catch (LedgerException.HeadMoved ex) {
			Map<String, Object> current = new LinkedHashMap<>();
			current.put("current_version_id", ex.currentVersionId().toString());
			current.put("current_number", ex.currentNumber());
			throw new ApiException(ErrorCode.VERSION_CONFLICT,
					"The prompt is at version " + ex.currentNumber() + ", not the one in If-Match.", current);
		}
		catch (LedgerException.NameTaken ex) {
			throw new ApiException(ErrorCode.NAME_TAKEN, "A prompt named '" + ex.name() + "' already exists.");
		}
	}

	static ApiException notFound(UUID id) {
		return new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + id + ".");
	}

}
