package dev.promptledger.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.cache.CacheEvent;
import dev.promptledger.cache.Coherence;
import dev.promptledger.db.Batch;
import dev.promptledger.db.Batches;

/**
 * What every change must also do, in the change's own transaction: its audit entry, the
 * cache notification that reaches every node when (and only if) it commits, and the
 * webhooks' event in the outbox. The ledger calls it for versions, the label and identity
 * services for theirs; nothing else writes the audit log or announces a change.
 */
@Component
public class Changes {

	private final AuditLog audit;

	private final Coherence coherence;

	private final Outbox outbox;

	private final Batches batches;

	Changes(AuditLog audit, Coherence coherence, Outbox outbox, Batches batches) {
		this.audit = audit;
		this.coherence = coherence;
		this.outbox = outbox;
		this.batches = batches;
	}

	/**
	 * Records a change of one prompt (a version, its deletion, a label) or, with no
	 * prompt, of the identities (users, roles, passwords, tokens).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String actor, AuditAction action, UUID promptId, UUID versionId, Map<String, ?> details,
			Instant at) {
		Batch batch = this.batches.open();
		record(batch, actor, action, promptId, versionId, details, at, null);
		batch.run();
	}

	/**
	 * The same, for a change the webhooks hear of: {@code event} goes to the outbox in
	 * this transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String actor, AuditAction action, UUID promptId, UUID versionId, Map<String, ?> details,
			Instant at, Event event) {
		Batch batch = this.batches.open();
		record(batch, actor, action, promptId, versionId, details, at, event);
		batch.run();
	}

	/**
	 * The same, written when {@code batch} runs (with the change's own statements);
	 * {@code event}, when not null, goes to the outbox.
	 */
	public void record(Batch batch, String actor, AuditAction action, UUID promptId, UUID versionId,
			Map<String, ?> details, Instant at, Event event) {
		CacheEvent changed = promptId == null ? CacheEvent.identity() : CacheEvent.prompt(promptId);
		this.audit.record(batch, actor, action, promptId, versionId, details, at,
				transaction -> this.coherence.changed(changed, transaction));
		if (event != null) {
			this.outbox.publish(batch, event, actor, at);
		}
	}

}
