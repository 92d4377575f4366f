package dev.promptledger.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.promptledger.config.DatabaseKind;

/** Webhooks, and the deliveries of the outbox's events to them. */
@Repository
class WebhookStore {

	/** A delivery due now, claimed under its row lock, with what sending it takes. */
	record Due(UUID webhookId, long eventSeq, int attempts, String url, String secret, UUID eventId, String payload) {
	}

	private static final String WEBHOOK = "SELECT id, url, events, description, secret, created_at, created_by FROM webhook ";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final boolean postgres;

	private final String skipLocked;

	WebhookStore(JdbcClient jdbc, JdbcTemplate batches, DatabaseKind database) {
		this.jdbc = jdbc;
		this.batches = batches;
		// H2 has no SKIP LOCKED; it runs one node, and one worker (Dispatcher)
		this.postgres = database == DatabaseKind.POSTGRESQL;
		this.skipLocked = this.postgres ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
	}

	void insert(Webhook webhook) {
		this.jdbc.sql("""
				INSERT INTO webhook (id, url, events, description, secret, created_at, created_by)
				VALUES (:id, :url, :events, :description, :secret, :at, :by)""")
			.param("id", webhook.id())
			.param("url", webhook.url())
			.param("events", String.join(",", webhook.events()))
			.param("description", webhook.description())
			.param("secret", webhook.secret())
			.param("at", utc(webhook.createdAt()))
			.param("by", webhook.createdBy())
			.update();
	}

	List<Webhook> all() {
		return this.jdbc.sql(WEBHOOK + "ORDER BY created_at, id").query((rs, n) -> webhook(rs).withoutSecret()).list();
	}

	Optional<Webhook> find(UUID id) {
		return this.jdbc.sql(WEBHOOK + "WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> webhook(rs).withoutSecret())
			.optional();
	}

	/** Deletes the webhook and its deliveries; false when there is none. */
	boolean delete(UUID id) {
		this.jdbc.sql("DELETE FROM webhook_delivery WHERE webhook_id = :id").param("id", id).update();
		return this.jdbc.sql("DELETE FROM webhook WHERE id = :id").param("id", id).update() > 0;
	}

	/** A webhook's deliveries, newest event first, below {@code beforeSeq} when given. */
	List<Delivery> deliveries(UUID webhookId, Long beforeSeq, int limit) {
		return this.jdbc.sql("""
				SELECT d.event_seq, e.id, e.type, d.prompt_id, d.status, d.attempts, d.last_status_code,
				  d.last_attempt_at, d.next_attempt_at
				FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event_seq
				WHERE d.webhook_id = :id AND d.event_seq < :before
				ORDER BY d.event_seq DESC LIMIT :limit""")
			.param("id", webhookId)
			.param("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
			.param("limit", limit)
			.query((rs, n) -> new Delivery(rs.getLong("event_seq"), rs.getObject("id", UUID.class),
					rs.getString("type"), rs.getObject("prompt_id", UUID.class), rs.getString("status"),
					rs.getInt("attempts"), (Integer) rs.getObject("last_status_code"),
					instantOrNull(rs, "last_attempt_at"), instantOrNull(rs, "next_attempt_at")))
			.list();
	}

	/**
	 * Claims up to {@code limit} of the oldest deliveries that are due and first in their
	 * queue (no earlier delivery of the same webhook and prompt is pending), locking
	 * their rows for the rest of the transaction; so a batch holds at most one delivery
	 * per queue. On PostgreSQL rows another node holds are skipped, so each delivery is
	 * made by one node at a time, and a node that dies releases its rows with its
	 * connection.
	 */
	List<Due> claim(Instant now, int limit) {
		if (this.postgres) {
			// planned for the queue as it is now: a plan the connection cached while the
			// queue was short reads every pending delivery for each one it looks at once
			// the queue is long, and only an ANALYZE would replace it
			this.jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
		}
		List<long[]> rows = this.jdbc.sql("""
				SELECT d.event_seq, d.attempts, d.webhook_id FROM webhook_delivery d
				WHERE d.status = 'pending' AND d.next_attempt_at <= :now
				  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id
				    AND e.prompt_id = d.prompt_id AND e.status = 'pending' AND e.event_seq < d.event_seq)
				ORDER BY d.event_seq LIMIT :limit""" + this.skipLocked)
			.param("now", utc(now))
			.param("limit", limit)
			.query((rs, n) -> {
				UUID webhook = rs.getObject("webhook_id", UUID.class);
				return new long[] { rs.getLong("event_seq"), rs.getInt("attempts"), webhook.getMostSignificantBits(),
						webhook.getLeastSignificantBits() };
			})
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		java.util.Map<Long, String[]> events = new java.util.HashMap<>();
		this.jdbc.sql("SELECT e.seq, e.id, e.payload FROM webhook_event e WHERE e.seq IN (:seqs)")
			.param("seqs", rows.stream().map(r -> r[0]).toList())
			.query(rs -> {
				events.put(rs.getLong("seq"), new String[] { rs.getString("id"), rs.getString("payload") });
			});
		java.util.Map<UUID, String[]> webhooks = new java.util.HashMap<>();
		this.jdbc.sql("SELECT id, url, secret FROM webhook WHERE id IN (:ids)")
			.param("ids", rows.stream().map(r -> new UUID(r[2], r[3])).distinct().toList())
			.query(rs -> {
				webhooks.put(rs.getObject("id", UUID.class),
						new String[] { rs.getString("url"), rs.getString("secret") });
			});
		List<Due> due = new java.util.ArrayList<>();
		for (long[] r : rows) {
			UUID webhookId = new UUID(r[2], r[3]);
			String[] event = events.get(r[0]);
			String[] webhook = webhooks.get(webhookId);
			due.add(new Due(webhookId, r[0], (int) r[1], webhook[0], webhook[1], UUID.fromString(event[0]), event[1]));
		}
		return due;
	}

	/**
	 * An attempt's outcome: delivered, failed for good, or pending again at
	 * {@code nextAttempt}.
	 */
	record Attempt(Due due, String status, Integer statusCode, Instant at, Instant nextAttempt) {
	}

	/** Records attempts, in one batch. */
	void attempted(List<Attempt> attempts) {
		if (attempts.isEmpty()) {
			return;
		}
		this.batches.batchUpdate("""
				UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, last_status_code = ?,
				  last_attempt_at = ?, next_attempt_at = ?
				WHERE webhook_id = ? AND event_seq = ?""", attempts, attempts.size(), (statement, attempt) -> {
			statement.setString(1, attempt.status());
			statement.setObject(2, attempt.statusCode());
			statement.setObject(3, utc(attempt.at()));
			statement.setObject(4, attempt.nextAttempt() == null ? null : utc(attempt.nextAttempt()));
			statement.setObject(5, attempt.due().webhookId());
			statement.setLong(6, attempt.due().eventSeq());
		});
	}

	/** How many deliveries wait to be made. */
	long pending() {
		return this.jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending'")
			.query(Long.class)
			.single();
	}

	private static Webhook webhook(ResultSet rs) throws SQLException {
		return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"),
				Arrays.asList(rs.getString("events").split(",")), rs.getString("description"), rs.getString("secret"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"));
	}

	private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
