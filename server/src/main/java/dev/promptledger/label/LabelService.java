package dev.promptledger.label;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Changes;
import dev.promptledger.audit.Event;
import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.NameRules;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;
import dev.promptledger.http.TextRules;
import dev.promptledger.identity.Actor;
import dev.promptledger.version.Ledger;
import dev.promptledger.version.LedgerException;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionResponse;
import dev.promptledger.version.VersionService;

/** Setting, moving and deleting labels, each move recorded with who and when. */
@Service
public class LabelService {

	static final int MAX_LABEL_CHARS = 50;

	static final String LATEST = "latest";

	private final LabelStore labels;

	private final Ledger ledger;

	private final VersionService versions;

	private final Changes changes;

	private final Cursors cursors;

	private final Clock clock;

	private final LabelPolicies policies;

	LabelService(LabelStore labels, Ledger ledger, VersionService versions, Changes changes, Cursors cursors,
			Clock clock, LabelPolicies policies) {
		this.policies = policies;
		this.labels = labels;
		this.ledger = ledger;
		this.versions = versions;
		this.changes = changes;
		this.cursors = cursors;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Label> labels(UUID promptId) {
		requireLive(promptId);
		return this.labels.labels(promptId);
	}

	/** The version a label of a live prompt points to. */
	@Transactional(readOnly = true)
	public Optional<UUID> target(UUID promptId, String name) {
		return wellFormed(name) ? this.labels.find(promptId, name).map(Label::versionId) : Optional.empty();
	}

	/**
	 * Points {@code name} at the version the request names, as its policy allows; nothing
	 * happens when it already points there.
	 */
	@Transactional
	public Label move(Actor actor, UUID promptId, String name, Checked<LabelMove> request) {
		if (wellFormed(name)) {
			this.policies.requireDirect(actor, name);
		}
		if (request.failed()) {
			requireLive(promptId);
		}
		LabelMove move = request.get();
		String promptName = lock(promptId);
		return set(actor, promptId, promptName, name, version(promptId, move.version()), move.message(), null);
	}

	/** Deletes the label, as its policy allows. */
	@Transactional
	public void delete(Actor actor, UUID promptId, String name) {
		if (LATEST.equals(name)) {
			requireLive(promptId);
			throw ApiException.validation(List.of(new ApiException.FieldError("label", nameProblem(name))));
		}
		if (wellFormed(name)) {
			this.policies.requireDirect(actor, name);
		}
		String promptName = lock(promptId);
		Label current = (wellFormed(name) ? this.labels.find(promptId, name) : Optional.<Label>empty())
			.orElseThrow(() -> labelNotFound(promptId, name));
		remove(actor, promptId, promptName, current, null, null);
	}

	/**
	 * Refuses, before anything is written, a write that carries labels its caller may not
	 * move directly (403, or 409 {@code approval_required}).
	 */
	@Transactional(readOnly = true)
	public void requireDirect(Actor actor, List<String> names) {
		for (String name : names) {
			if (wellFormed(name)) {
				this.policies.requireDirect(actor, name);
			}
		}
	}

	/**
	 * Carries out an approved change request in its transaction, which has locked the
	 * prompt ({@link Ledger#lockRow}): points the label at {@code versionId}, or deletes
	 * it when that is null. The caller has checked that the label points where the
	 * request found it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void apply(Actor actor, UUID promptId, String promptName, String name, UUID versionId, String message,
			UUID changeRequestId) {
		if (versionId == null) {
			Label current = this.labels.find(promptId, name).orElseThrow(() -> labelNotFound(promptId, name));
			remove(actor, promptId, promptName, current, message, changeRequestId);
		}
		else {
			set(actor, promptId, promptName, name, version(promptId, new VersionRef(versionId, null)), message,
					changeRequestId);
		}
	}

	/** The label as it is now, or empty; for a prompt its caller has locked or read. */
	@Transactional(readOnly = true)
	public Optional<Label> find(UUID promptId, String name) {
		return wellFormed(name) ? this.labels.find(promptId, name) : Optional.empty();
	}

	private Version version(UUID promptId, VersionRef target) {
		Version version = target == null ? null : this.versions.find(promptId, target).orElse(null);
		if (version == null) {
			throw new ApiException(ErrorCode.VERSION_NOT_FOUND,
					"Prompt " + promptId + " has no version " + target + ".");
		}
		return version;
	}

	private Label set(Actor actor, UUID promptId, String promptName, String name, Version version, String message,
			UUID changeRequestId) {
		Label current = this.labels.find(promptId, name).orElse(null);
		if (current != null && current.versionId().equals(version.id())) {
			return current;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.labels.set(promptId, name, version.id(), actor.username(), now, current != null);
		this.labels.recordEvent(promptId, name, current == null ? null : current.versionId(), version.id(),
				actor.username(), now, message, changeRequestId);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("label", name);
		details.put("from_version_id", current == null ? null : current.versionId());
		details.put("from_number", current == null ? null : current.number());
		details.put("to_version_id", version.id());
		details.put("to_number", version.number());
		if (message != null) {
			details.put("message", message);
		}
		if (changeRequestId != null) {
			details.put("change_request_id", changeRequestId);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("label", name);
		data.put("from_version_id", current == null ? null : current.versionId());
		data.put("version", VersionResponse.of(version, false, List.of()));
		data.put("message", message);
		data.put("change_request_id", changeRequestId);
		this.changes.record(actor.username(), AuditAction.LABEL_MOVE, promptId, version.id(), details, now,
				Event.of(Event.LABEL_MOVED, promptId, promptName, data));
		return new Label(name, version.id(), version.number(), now, actor.username());
	}

	private void remove(Actor actor, UUID promptId, String promptName, Label current, String message,
			UUID changeRequestId) {
		String name = current.label();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.labels.delete(promptId, name);
		this.labels.recordEvent(promptId, name, current.versionId(), null, actor.username(), now, message,
				changeRequestId);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("label", name);
		details.put("from_version_id", current.versionId());
		details.put("from_number", current.number());
		if (message != null) {
			details.put("message", message);
		}
		if (changeRequestId != null) {
			details.put("change_request_id", changeRequestId);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("label", name);
		data.put("from_version_id", current.versionId());
		data.put("from_number", current.number());
		data.put("message", message);
		data.put("change_request_id", changeRequestId);
		this.changes.record(actor.username(), AuditAction.LABEL_DELETE, promptId, current.versionId(), details, now,
				Event.of(Event.LABEL_DELETED, promptId, promptName, data));
	}

	/**
	 * What the label pointed to at {@code time}; 404 {@code label_not_found} when it was
	 * not set then.
	 */
	@Transactional(readOnly = true)
	public LabelAt at(UUID promptId, String name, Instant time) {
		requireLive(promptId);
		return (wellFormed(name) ? this.labels.at(promptId, name, time) : Optional.<LabelAt>empty())
			.orElseThrow(() -> new ApiException(ErrorCode.LABEL_NOT_FOUND,
					"Prompt " + promptId + " had no label '" + name + "' at " + time + "."));
	}

	/**
	 * Every time the label was set or deleted, newest first; 404 for a label that never
	 * existed.
	 */
	@Transactional(readOnly = true)
	public Page<LabelEvent> history(UUID promptId, String name, String limit, String cursor) {
		requireLive(promptId);
		String scope = "label-history\n" + promptId + "\n" + name;
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		Long before = page.position() == null ? null : Long.valueOf(page.position());
		List<LabelEvent> rows = wellFormed(name) ? this.labels.history(promptId, name, before, page.limit() + 1)
				: List.of();
		if (rows.isEmpty() && before == null) {
			throw labelNotFound(promptId, name);
		}
		return Keyset.page(rows, page.limit(), this.cursors, scope, LabelEvent::seq);
	}

	/**
	 * Checks a move that did not come as JSON (the web UI's form): the label's name. A
	 * version that names nothing is the move's 404.
	 */
	public Checked<LabelMove> check(String name, String version) {
		return check(name, version, null);
	}

	/** The same, with the move's reason, held to the rules of every message. */
	public Checked<LabelMove> check(String name, String version, String message) {
		return Checked.of(() -> {
			List<ApiException.FieldError> errors = new ArrayList<>();
			String problem = nameProblem(name);
			if (problem != null) {
				errors.add(new ApiException.FieldError("label", problem));
			}
			problem = messageProblem(message);
			if (problem != null) {
				errors.add(new ApiException.FieldError("message", problem));
			}
			if (!errors.isEmpty()) {
				throw ApiException.validation(errors);
			}
			return new LabelMove(VersionRef.parse(version), message);
		});
	}

	/** Why a move's reason cannot be kept, or null when it can. */
	public static String messageProblem(String message) {
		if (message == null) {
			return null;
		}
		if (message.length() > PromptledgerProperties.MAX_MESSAGE_CHARS) {
			return "must be at most " + PromptledgerProperties.MAX_MESSAGE_CHARS + " characters long";
		}
		return TextRules.problem(message);
	}

	/** Why {@code name} cannot be set, or null when it can. */
	public static String nameProblem(String name) {
		if (LATEST.equals(name)) {
			return "'latest' is reserved: it always means the current version";
		}
		return NameRules.segmentProblem(name, MAX_LABEL_CHARS);
	}

	private static boolean wellFormed(String name) {
		return NameRules.segmentProblem(name, MAX_LABEL_CHARS) == null && !LATEST.equals(name);
	}

	private void requireLive(UUID promptId) {
		this.versions.requireLive(promptId);
	}

	/** Locks the prompt, so that its labels change one at a time; its name. */
	private String lock(UUID promptId) {
		try {
			return this.ledger.lockRow(promptId);
		}
		catch (LedgerException.PromptNotFound ex) {
			throw promptNotFound(promptId);
		}
	}

	private static ApiException promptNotFound(UUID promptId) {
		return new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + promptId + ".");
	}

	private static ApiException labelNotFound(UUID promptId, String name) {
		return new ApiException(ErrorCode.LABEL_NOT_FOUND, "Prompt " + promptId + " has no label '" + name + "'.");
	}

}
