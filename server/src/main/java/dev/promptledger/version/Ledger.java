package dev.promptledger.version;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Changes;
import dev.promptledger.audit.Event;
import dev.promptledger.db.Batch;
import dev.promptledger.db.Batches;
import dev.promptledger.ops.Committed;

/**
 * Where a version is written: the one home of the head pointers, the version rows and
 * their contents. A commit takes the head it expects, locked in the caller's transaction
 * by {@link #lock}, and the prompt's next state; it writes the version and its content,
 * moves the head by compare-and-set, re-encodes the replaced content as a delta, and
 * records what every commit must (the audit entry, the cache notification to every node,
 * the count of versions written), all in that one transaction. The rules (what a request
 * may change, previews, confirmations) are the services'; refusals are
 * {@link LedgerException}s.
 */
@Component
public class Ledger {

	/** A live prompt's head, read under its row lock. */
	public record Head(UUID promptId, Instant createdAt, String createdBy, Instant updatedAt, Version version,
			List<String> tags, Map<UUID, List<String>> labels) {

		/** The prompt as a read would show it. */
		public PromptView view() {
			return new PromptView(this.promptId, this.createdAt, this.createdBy, this.updatedAt, this.version,
					this.tags, this.labels);
		}

	}

	/**
	 * Who changes the prompt, how and why; {@code revertedTo} is the version a revert
	 * brings back.
	 */
	public record Change(String author, ChangeType type, String message, Version revertedTo) {

		public static Change of(String author, ChangeType type, String message) {
			return new Change(author, type, message, null);
		}

	}

	private final PromptStore prompts;

	private final VersionStore versions;

	private final ContentStore contents;

	private final Changes changes;

	private final Batches batches;

	private final Clock clock;

	private final Map<ChangeType, Counter> written = new EnumMap<>(ChangeType.class);

	Ledger(PromptStore prompts, VersionStore versions, ContentStore contents, Changes changes, Batches batches,
			Clock clock, MeterRegistry registry) {
		this.prompts = prompts;
		this.versions = versions;
		this.contents = contents;
		this.changes = changes;
		this.batches = batches;
		this.clock = clock;
		for (ChangeType type : ChangeType.values()) {
			this.written.put(type,
					Counter.builder("promptledger.versions.written")
						.description("Versions written, by change type")
						.tag("change_type", type.wireName())
						.register(registry));
		}
	}

	/**
	 * Locks a live prompt's row for the rest of the transaction and reads its head with
	 * content.
	 * @param expected whether the head's version id is the one the caller expects
	 * @throws LedgerException.PromptNotFound when the prompt is not live
	 * @throws LedgerException.HeadMoved when {@code expected} refuses the head
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Head lock(UUID promptId, Predicate<UUID> expected) {
		PromptStore.Locked locked = this.prompts.lockLiveWithMetadata(promptId)
			.orElseThrow(() -> new LedgerException.PromptNotFound(promptId));
		PromptStore.Head row = locked.head();
		if (!expected.test(row.versionId())) {
			throw new LedgerException.HeadMoved(row.versionId(), row.number());
		}
		PromptStore.Metadata metadata = locked.metadata();
		return new Head(promptId, row.createdAt(), row.createdBy(), row.updatedAt(),
				this.versions.known(row.versionId()), metadata.tags(), metadata.labels());
	}

	/**
	 * Locks a live prompt's row without reading its head: changes beside the history (its
	 * labels, its change requests) happen one at a time per prompt, and never on a
	 * deleted one.
	 * @return the prompt's name
	 * @throws LedgerException.PromptNotFound when the prompt is not live
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String lockRow(UUID promptId) {
		return this.prompts.lockLive(promptId).orElseThrow(() -> new LedgerException.PromptNotFound(promptId)).name();
	}

	/**
	 * A new prompt with {@code state} as its version 1.
	 * @throws LedgerException.NameTaken when another live prompt has the name
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Head create(PromptState state, List<String> tags, String author, String message) {
		if (this.prompts.nameTaken(state.name(), null)) {
			throw new LedgerException.NameTaken(state.name());
		}
		UUID id = UUID.randomUUID();
		Instant now = now();
		List<String> sorted = sorted(tags);
		Version created = named(state.name(), () -> {
			this.prompts.insert(id, state.name(), state.body().type(), author, now);
			Batch batch = this.batches.open();
			Version version = write(batch, id, null, state, Change.of(author, ChangeType.CREATE, message), now)
				.version();
			Map<String, Object> details = auditOf(version, null, null);
			if (!sorted.isEmpty()) {
				details.put("tags", sorted);
			}
			record(batch, version, AuditAction.PROMPT_CREATE, details);
			batch.run();
			return version;
		});
		this.prompts.setTags(id, sorted);
		return new Head(id, now, author, now, created, sorted, Map.of());
	}

	/**
	 * Writes {@code next} as the version after {@code expected}, which the caller locked
	 * in this transaction; the caller has checked that something changes.
	 * @throws LedgerException.NameTaken when the new name is another live prompt's
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Head commit(Head expected, PromptState next, Change change) {
		Version head = expected.version();
		if (!next.name().equals(head.name()) && this.prompts.nameTaken(next.name(), expected.promptId())) {
			throw new LedgerException.NameTaken(next.name());
		}
		// the version, its content, the head, the previous content's re-encoding and the
		// audit entry go to the database together
		Version written = named(next.name(), () -> {
			Batch batch = this.batches.open();
			Written write = write(batch, expected.promptId(), head, next, change, now());
			this.contents.demote(batch, HexFormat.of().parseHex(head.contentSha256()), head.body().stored(),
					HexFormat.of().parseHex(write.version().contentSha256()), write.stored());
			record(batch, write.version(), switch (change.type()) {
				case CREATE -> AuditAction.PROMPT_CREATE;
				case UPDATE -> AuditAction.PROMPT_UPDATE;
				case PATCH -> AuditAction.PROMPT_PATCH;
				case REVERT -> AuditAction.PROMPT_REVERT;
			}, auditOf(write.version(), head, change.revertedTo()));
			batch.run();
			return write.version();
		});
		return new Head(expected.promptId(), expected.createdAt(), expected.createdBy(), written.createdAt(), written,
				expected.tags(), expected.labels());
	}

	/**
	 * Gives the prompt {@code expected} locked these tags: prompt metadata, not a
	 * version, recorded as {@code prompt.tags}. Nothing happens when they are its tags
	 * already.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Head retag(Head expected, List<String> tags, String actor) {
		List<String> sorted = sorted(tags);
		if (sorted.equals(expected.tags())) {
			return expected;
		}
		this.prompts.setTags(expected.promptId(), sorted);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", expected.tags());
		details.put("to", sorted);
		this.changes.record(actor, AuditAction.PROMPT_TAGS, expected.promptId(), expected.version().id(), details,
				now());
		return new Head(expected.promptId(), expected.createdAt(), expected.createdBy(), expected.updatedAt(),
				expected.version(), sorted, expected.labels());
	}

	private static List<String> sorted(List<String> tags) {
		return tags == null ? List.of() : tags.stream().distinct().sorted().toList();
	}

	/**
	 * Deletes the prompt {@code expected} locked: its history stays, its name is free.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void delete(Head expected, String author) {
		Instant now = now();
		if (!this.prompts.markDeleted(expected.promptId(), author, now)) {
			throw new LedgerException.PromptNotFound(expected.promptId());
		}
		Version head = expected.version();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("number", head.number());
		details.put("name", head.name());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("version", VersionResponse.of(head, false, List.of()));
		this.changes.record(author, AuditAction.PROMPT_DELETE, expected.promptId(), head.id(), details, now,
				Event.of(Event.PROMPT_DELETED, expected.promptId(), head.name(), data));
	}

	/** A version written, and its body as stored (serialized once a write). */
	private record Written(Version version, String stored) {
	}

	private Written write(Batch batch, UUID promptId, Version parent, PromptState next, Change change, Instant now) {
		Body body = next.body();
		if (parent != null && parent.type() != body.type()) {
			// the services refuse a change of type; a prompt's type is fixed at creation
			throw new IllegalStateException("prompt " + promptId + " cannot become " + body.type().wireName());
		}
		String stored = body.stored();
		Version version = new Version(UUID.randomUUID(), promptId, parent == null ? 1 : parent.number() + 1,
				next.name(), next.description(), body.type(), body.storedAsDocument(), body, Sha256.of(stored), now,
				change.author(), change.type(), change.message(), parent == null ? null : parent.id(),
				change.revertedTo() == null ? null : change.revertedTo().id(),
				Diffs.summarize(parent == null ? null : parent.state(), next), body.variables());
		this.versions.insert(batch, version, stored);
		this.prompts.moveHead(batch, promptId, parent == null ? null : parent.id(), version.id(), version.number(),
				version.name(), next.searchText(), version.createdAt());
		return new Written(version, stored);
	}

	/**
	 * Runs a write that gives a prompt {@code name}. A duplicate key in it is that name,
	 * taken by another prompt since it was checked: the write's other unique keys are the
	 * lock's (the version's number) or random (every new row's id). It shows when the
	 * write's batch runs on PostgreSQL, when its statement is added on H2.
	 */
	private static <T> T named(String name, Supplier<T> write) {
		try {
			return write.get();
		}
		catch (DuplicateKeyException ex) {
			throw new LedgerException.NameTaken(name);
		}
	}

	private void record(Batch batch, Version written, AuditAction action, Map<String, Object> details) {
		Event event = Event.of(Event.VERSION_CREATED, written.promptId(), written.name(),
				Map.of("version", VersionResponse.of(written, false, List.of())));
		this.changes.record(batch, written.author(), action, written.promptId(), written.id(), details,
				written.createdAt(), event);
		Committed.increment(this.written.get(written.changeType()));
	}

	private static Map<String, Object> auditOf(Version written, Version parent, Version revertedTo) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (revertedTo != null) {
			details.put("from_version_id", parent.id());
			details.put("from_number", parent.number());
			details.put("reverted_to_version_id", revertedTo.id());
			details.put("reverted_to_number", revertedTo.number());
		}
		details.put("number", written.number());
		if (parent == null) {
			details.put("name", written.name());
		}
		else if (revertedTo == null) {
			details.put("fields_changed", written.summary().fieldsChanged());
		}
		return details;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
