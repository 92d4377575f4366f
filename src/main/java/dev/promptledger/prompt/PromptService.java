package dev.promptledger.prompt;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.AuditLog;
import dev.promptledger.cache.CacheEvent;
import dev.promptledger.cache.Coherence;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.Keyset.TimeKey;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.identity.Actor;
import dev.promptledger.version.ChangeType;
import dev.promptledger.version.ContentStore;
import dev.promptledger.version.Diffs;
import dev.promptledger.version.PromptState;
import dev.promptledger.version.Sha256;
import dev.promptledger.version.Templates;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionStore;

/**
 * Every write of a prompt. Each is one transaction: lock the prompt's row, check
 * If-Match, insert the new version, move the head by compare-and-set, append the audit
 * entry.
 */
@Service
public class PromptService {

	private final PromptStore prompts;

	private final VersionStore versions;

	private final AuditLog audit;

	private final Clock clock;

	private final Cursors cursors;

	private final Coherence coherence;

	private final ContentStore contents;

	private final WriteMeters meters;

	PromptService(PromptStore prompts, VersionStore versions, AuditLog audit, Cursors cursors, Coherence coherence,
			ContentStore contents, WriteMeters meters, Clock clock) {
		this.contents = contents;
		this.meters = meters;
		this.prompts = prompts;
		this.coherence = coherence;
		this.cursors = cursors;
		this.versions = versions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A page of live prompts, newest first; {@code q} filters by a case-insensitive
	 * substring of the name.
	 */
	@Transactional(readOnly = true)
	public Page<PromptView> list(String q, String limit, String cursor) {
		String scope = "prompts\n" + (q == null ? "" : q);
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		TimeKey after = TimeKey.parse(page.position());
		List<PromptView> rows = this.prompts.page(q, after == null ? null : after.at(),
				after == null ? null : UUID.fromString(after.key()), page.limit() + 1);
		return Keyset.page(rows, page.limit(), this.cursors, scope, p -> TimeKey.of(p.createdAt(), p.id()));
	}

	@Transactional(readOnly = true)
	public PromptView get(UUID id) {
		return this.prompts.find(id).orElseThrow(() -> notFound(id));
	}

	@Transactional
	public PromptView create(Actor actor, PromptDraft draft) {
		if (this.prompts.nameTaken(draft.name(), null)) {
			throw nameTaken(draft.name());
		}
		UUID id = UUID.randomUUID();
		Instant now = now();
		try {
			this.prompts.insert(id, draft.name(), actor.username(), now);
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(draft.name());
		}
		Version created = newVersion(id, 1, null, null, draft.state(), actor, ChangeType.CREATE, draft.message(), null,
				now);
		this.versions.insert(created);
		moveHead(id, null, created);
		this.audit.record(actor.username(), AuditAction.PROMPT_CREATE, id, created.id(),
				Map.of("number", 1, "name", draft.name()), now);
		this.coherence.changed(CacheEvent.prompt(id));
		this.meters.versionWritten(ChangeType.CREATE);
		return new PromptView(id, now, actor.username(), now, created);
	}

	@Transactional
	public WriteResult replace(Actor actor, UUID id, String ifMatch, PromptDraft draft) {
		return change(actor, id, ifMatch, draft.replacement(), ChangeType.UPDATE, draft.message());
	}

	@Transactional
	public WriteResult patch(Actor actor, UUID id, String ifMatch, PromptPatch patch) {
		return change(actor, id, ifMatch, patch.merge(), ChangeType.PATCH, patch.message());
	}

	private WriteResult change(Actor actor, UUID id, String ifMatch, UnaryOperator<PromptState> edit, ChangeType type,
			String message) {
		Locked locked = lockHead(id, ifMatch);
		Version head = locked.head();
		PromptState next = edit.apply(head.state());
		if (next.equals(head.state())) {
			return new WriteResult(locked.view(), false);
		}
		Version written = append(actor, head, next, type, message, null);
		this.audit.record(actor.username(),
				type == ChangeType.UPDATE ? AuditAction.PROMPT_UPDATE : AuditAction.PROMPT_PATCH, id, written.id(),
				Map.of("number", written.number(), "fields_changed", written.summary().fieldsChanged()),
				written.createdAt());
		this.coherence.changed(CacheEvent.prompt(id));
		this.meters.versionWritten(type);
		return new WriteResult(locked.after(written), true);
	}

	/**
	 * Reverts to {@code targetRef}: previews it (a dry run, or no confirmation, which the
	 * caller answers with 428), or writes it as a new version. Nothing happens when the
	 * current version already says what the target says. Previews are computed by the
	 * caller, after this transaction.
	 */
	@Transactional
	public RevertOutcome revert(Actor actor, UUID id, String ifMatch, VersionRef targetRef, RevertRequest request) {
		Locked locked = lockHead(id, ifMatch);
		Version head = locked.head();
		Version target = (targetRef == null ? null : this.versions.find(id, targetRef).orElse(null));
		if (target == null) {
			throw new ApiException(ErrorCode.VERSION_NOT_FOUND, "Prompt " + id + " has no version " + targetRef + ".");
		}
		boolean changes = !target.state().equals(head.state());
		if (!changes) {
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
		Version written = append(actor, head, target.state(), ChangeType.REVERT, request.message(), target.id());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from_version_id", head.id());
		details.put("from_number", head.number());
		details.put("reverted_to_version_id", target.id());
		details.put("reverted_to_number", target.number());
		details.put("number", written.number());
		this.audit.record(actor.username(), AuditAction.PROMPT_REVERT, id, written.id(), details, written.createdAt());
		this.coherence.changed(CacheEvent.prompt(id));
		this.meters.versionWritten(ChangeType.REVERT);
		this.meters.revert(WriteMeters.RevertOutcome.WRITTEN);
		return RevertOutcome.written(locked.after(written), written);
	}

	@Transactional
	public void delete(Actor actor, UUID id, String ifMatch) {
		Version head = lockHead(id, ifMatch).head();
		Instant now = now();
		if (!this.prompts.markDeleted(id, actor.username(), now)) {
			throw notFound(id);
		}
		this.audit.record(actor.username(), AuditAction.PROMPT_DELETE, id, head.id(),
				Map.of("number", head.number(), "name", head.name()), now);
		this.coherence.changed(CacheEvent.prompt(id));
	}

	/**
	 * 404 unless the prompt is live; for answering the checks in the contract's order.
	 */
	@Transactional(readOnly = true)
	public void requireLive(UUID id) {
		if (!this.versions.promptIsLive(id)) {
			throw notFound(id);
		}
	}

	/** A prompt locked for a write: its row and its head version, with content. */
	private record Locked(UUID id, PromptStore.Head row, Version head) {

		PromptView view() {
			return new PromptView(this.id, this.row.createdAt(), this.row.createdBy(), this.row.updatedAt(), this.head);
		}

		/**
		 * The prompt as it is after {@code written} became its head (what a read would
		 * return).
		 */
		PromptView after(Version written) {
			return new PromptView(this.id, this.row.createdAt(), this.row.createdBy(), written.createdAt(), written);
		}

	}

	/**
	 * Locks the prompt, checks If-Match against its head, and reads the head with its
	 * content.
	 */
	private Locked lockHead(UUID id, String ifMatch) {
		PromptStore.Head head = this.prompts.lockLive(id).orElseThrow(() -> notFound(id));
		if (!EntityTags.ifMatchAllows(ifMatch, head.versionId())) {
			Map<String, Object> current = new LinkedHashMap<>();
			current.put("current_version_id", head.versionId().toString());
			current.put("current_number", head.number());
			throw new ApiException(ErrorCode.VERSION_CONFLICT,
					"The prompt is at version " + head.number() + ", not the one in If-Match.", current);
		}
		return new Locked(id, head, this.versions.known(head.versionId()));
	}

	private Version append(Actor actor, Version head, PromptState next, ChangeType type, String message,
			UUID revertedFrom) {
		if (!next.name().equals(head.name()) && this.prompts.nameTaken(next.name(), head.promptId())) {
			throw nameTaken(next.name());
		}
		Version written = newVersion(head.promptId(), head.number() + 1, head, head.state(), next, actor, type, message,
				revertedFrom, now());
		this.versions.insert(written);
		moveHead(head.promptId(), head.id(), written);
		this.contents.demote(HexFormat.of().parseHex(head.contentSha256()), head.content(),
				HexFormat.of().parseHex(written.contentSha256()), written.content());
		return written;
	}

	private void moveHead(UUID id, UUID expected, Version next) {
		boolean moved;
		try {
			moved = this.prompts.moveHead(id, expected, next.id(), next.number(), next.name(), next.createdAt());
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(next.name());
		}
		if (!moved) {
			// the row lock makes this unreachable; if it happens, roll back rather than
			// fork the history
			throw new IllegalStateException("head of prompt " + id + " moved during a locked write");
		}
	}

	private static Version newVersion(UUID promptId, int number, Version parent, PromptState before, PromptState state,
			Actor actor, ChangeType type, String message, UUID revertedFrom, Instant now) {
		return new Version(UUID.randomUUID(), promptId, number, state.name(), state.description(), state.content(),
				Sha256.of(state.content()), now, actor.username(), type, message, parent == null ? null : parent.id(),
				revertedFrom, Diffs.summarize(before, state), Templates.variables(state.content()));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	static ApiException notFound(UUID id) {
		return new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + id + ".");
	}

	private static ApiException nameTaken(String name) {
		return new ApiException(ErrorCode.NAME_TAKEN, "A prompt named '" + name + "' already exists.");
	}

}
