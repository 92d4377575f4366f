package dev.promptledger.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.db.Batch;

/**
 * The webhooks' outbox, for {@link Changes}: an event is written in the transaction of
 * the change it describes, with one pending delivery per webhook subscribed to its type,
 * so that it is sent exactly when the change commits, however the node fares after. Its
 * body is fixed here, once: every attempt sends the same bytes. Nothing is written when
 * no webhook subscribes; on PostgreSQL all of it is one statement. After a commit that
 * wrote deliveries, {@link Written} is published for the node's dispatcher.
 */
@Component
public class Outbox {

	/** Published after the commit of a transaction that wrote pending deliveries. */
	public record Written() {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher publisher;

	private final DatabaseKind database;

	Outbox(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher publisher, DatabaseKind database) {
		this.database = database;
		this.jdbc = jdbc;
		this.json = json;
		this.publisher = publisher;
	}

	/**
	 * Writes the event and its deliveries when {@code batch} runs, on PostgreSQL; at once
	 * on H2, whose batch has run everything before it already.
	 */
	void publish(Batch batch, Event event, String actor, Instant at) {
		if (this.database != DatabaseKind.POSTGRESQL) {
			if (publishInSteps(event, actor, at)) {
				this.publisher.publishEvent(new Written());
			}
			return;
		}
		UUID id = UUID.randomUUID();
		batch.update(deliveries -> {
			if (deliveries > 0) {
				this.publisher.publishEvent(new Written());
			}
		}, """
				WITH subscriber AS (
				  SELECT id FROM webhook
				  WHERE events = '*' OR position(',' || ? || ',' IN ',' || events || ',') > 0),
				event AS (
				  INSERT INTO webhook_event (id, type, prompt_id, created_at, payload)
				  SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM subscriber)
				  RETURNING seq, prompt_id, created_at)
				INSERT INTO webhook_delivery (webhook_id, event_seq, prompt_id, status, attempts, next_attempt_at)
				SELECT s.id, e.seq, e.prompt_id, 'pending', 0, e.created_at FROM subscriber s, event e""", event.type(),
				id, event.type(), event.promptId(), at.atOffset(ZoneOffset.UTC), body(id, event, actor, at));
	}

	/**
	 * H2 (no data-modifying WITH): the subscribers, then the event and its deliveries.
	 */
	private boolean publishInSteps(Event event, String actor, Instant at) {
		List<UUID> subscribers = new ArrayList<>();
		this.jdbc.sql("SELECT id, events FROM webhook").query(rs -> {
			if (subscribes(rs.getString("events"), event.type())) {
				subscribers.add(rs.getObject("id", UUID.class));
			}
		});
		if (subscribers.isEmpty()) {
			return false;
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO webhook_event (id, type, prompt_id, created_at, payload)
				VALUES (:id, :type, :promptId, :at, :payload)""")
			.param("id", id)
			.param("type", event.type())
			.param("promptId", event.promptId())
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("payload", body(id, event, actor, at))
			.update();
		this.jdbc.sql("""
				INSERT INTO webhook_delivery (webhook_id, event_seq, prompt_id, status, attempts, next_attempt_at)
				SELECT w.id, e.seq, e.prompt_id, 'pending', 0, e.created_at
				FROM webhook w JOIN webhook_event e ON e.id = :event
				WHERE w.id IN (:subscribers)""").param("event", id).param("subscribers", subscribers).update();
		return true;
	}

	/** The body every attempt sends. */
	private String body(UUID id, Event event, String actor, Instant at) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id.toString());
		body.put("type", event.type());
		body.put("timestamp", at);
		body.put("data", event.body(actor));
		return this.json.writeValueAsString(body);
	}

	/** Whether a webhook's stored event list takes {@code type}. */
	public static boolean subscribes(String events, String type) {
		for (String subscribed : events.split(",")) {
			if (subscribed.equals("*") || subscribed.equals(type)) {
				return true;
			}
		}
		return false;
	}

}
