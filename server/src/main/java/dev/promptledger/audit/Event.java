package dev.promptledger.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a change tells the webhooks subscribed to its {@code type}: the data of the
 * delivery's body ({@code prompt_id} and {@code name} of the prompt it concerns come
 * first, the actor last; docs/api.md, Webhooks).
 */
public record Event(String type, UUID promptId, String promptName, Map<String, Object> data) {

	public static final String VERSION_CREATED = "version.created";

	public static final String PROMPT_DELETED = "prompt.deleted";

	public static final String LABEL_MOVED = "label.moved";

	public static final String LABEL_DELETED = "label.deleted";

	public static final String CHANGE_REQUEST_OPENED = "change_request.opened";

	public static final String CHANGE_REQUEST_APPLIED = "change_request.applied";

	public static final String CHANGE_REQUEST_CLOSED = "change_request.closed";

	/** Every type a webhook may subscribe to, besides {@code "*"}. */
	public static final java.util.List<String> TYPES = java.util.List.of(VERSION_CREATED, PROMPT_DELETED, LABEL_MOVED,
			LABEL_DELETED, CHANGE_REQUEST_OPENED, CHANGE_REQUEST_APPLIED, CHANGE_REQUEST_CLOSED);

	/** An event of one prompt; {@code data} is copied in its order. */
	public static Event of(String type, UUID promptId, String promptName, Map<String, ?> data) {
		return new Event(type, promptId, promptName, new LinkedHashMap<>(data));
	}

	/** The body's {@code data}, for {@code actor}. */
	Map<String, Object> body(String actor) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("prompt_id", this.promptId);
		body.put("name", this.promptName);
		body.putAll(this.data);
		body.put("actor", actor);
		return body;
	}

}
