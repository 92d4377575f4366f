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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhooks' outbox, for {@link Changes}: an event is written in the transaction of
 * the change it describes, with one pending delivery per webhook subscribed to its type,
 * so that it is sent exactly when the change commits, however the node fares after. Its
 * body is fixed here, once: every attempt sends the same bytes. Nothing is written when
 * no webhook subscribes. After a commit that wrote deliveries, {@link Written} is
 * published for the node's dispatcher.
 */
@Component
public class Outbox {

	/** Published after the commit of a transaction that wrote pending deliveries. */
	public record Written() {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher publisher;

	Outbox(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher publisher) {
		this.jdbc = jdbc;
		this.json = json;
		this.publisher = publisher;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void publish(Event event, String actor, Instant at) {
		List<UUID> subscribers = new ArrayList<>();
		this.jdbc.sql("SELECT id, events FROM webhook").query(rs -> {
			if (subscribes(rs.getString("events"), event.type())) {
				subscribers.add(rs.getObject("id", UUID.class));
			}
		});
		if (subscribers.isEmpty()) {
			return;
		}
		UUID id = UUID.randomUUID();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id.toString());
		body.put("type", event.type());
		body.put("timestamp", at);
		body.put("data", event.body(actor));
		this.jdbc.sql("""
				INSERT INTO webhook_event (id, type, prompt_id, created_at, payload)
				VALUES (:id, :type, :promptId, :at, :payload)""")
			.param("id", id)
			.param("type", event.type())
			.param("promptId", event.promptId())
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("payload", this.json.writeValueAsString(body))
			.update();
		this.jdbc.sql("""
				INSERT INTO webhook_delivery (webhook_id, event_seq, prompt_id, status, attempts, next_attempt_at)
				SELECT w.id, e.seq, e.prompt_id, 'pending', 0, e.created_at
				FROM webhook w JOIN webhook_event e ON e.id = :event
				WHERE w.id IN (:subscribers)""").param("event", id).param("subscribers", subscribers).update();
		this.publisher.publishEvent(new Written());
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
