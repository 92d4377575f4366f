package dev.promptledger.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What changed, as the nodes tell each other: one prompt (its versions, labels or
 * liveness), or the identities (users, roles, tokens), or everything (a node whose
 * listener reconnects forgets it all).
 */
public record CacheEvent(Kind kind, UUID promptId) {

	public enum Kind {

		PROMPT, IDENTITY, ALL

	}

	public static CacheEvent prompt(UUID id) {
		return new CacheEvent(Kind.PROMPT, id);
	}

	public static CacheEvent identity() {
		return new CacheEvent(Kind.IDENTITY, null);
	}

	public static CacheEvent all() {
		return new CacheEvent(Kind.ALL, null);
	}

	/**
	 * Notification payloads for these events: events separated by commas, then the
	 * sending node, so a node can skip its own; each payload under PostgreSQL's limit of
	 * 8,000 bytes. (A node of the release before this one reads a payload of several
	 * events as "everything changed": correct, only less precise.)
	 */
	static List<String> payloads(Collection<CacheEvent> events, String node) {
		List<String> payloads = new ArrayList<>();
		StringBuilder payload = new StringBuilder();
		for (CacheEvent event : events) {
			if (payload.length() + 64 + node.length() > MAX_PAYLOAD) {
				payloads.add(payload.append(' ').append(node).toString());
				payload.setLength(0);
			}
			payload.append(payload.isEmpty() ? "" : ",").append(event.wire());
		}
		if (!payload.isEmpty()) {
			payloads.add(payload.append(' ').append(node).toString());
		}
		return payloads;
	}

	/** The longest payload this node sends, in bytes (all ASCII). */
	static final int MAX_PAYLOAD = 7900;

	private String wire() {
		return switch (this.kind) {
			case PROMPT -> "p:" + this.promptId;
			case IDENTITY -> "i";
			case ALL -> "*";
		};
	}

	/** The node that sent a payload. */
	static String sender(String payload) {
		int space = payload.lastIndexOf(' ');
		return space < 0 ? "" : payload.substring(space + 1);
	}

	/** The events of a payload; anything unreadable is "everything changed". */
	static List<CacheEvent> parseAll(String payload) {
		int space = payload.lastIndexOf(' ');
		if (space >= 0) {
			payload = payload.substring(0, space);
		}
		List<CacheEvent> events = new ArrayList<>();
		for (String event : payload.split(",", -1)) {
			CacheEvent parsed = parse(event);
			if (parsed.kind == Kind.ALL) {
				return List.of(parsed);
			}
			events.add(parsed);
		}
		return events;
	}

	private static CacheEvent parse(String event) {
		if (event.startsWith("p:")) {
			try {
				return prompt(UUID.fromString(event.substring(2)));
			}
			catch (IllegalArgumentException ex) {
				return all();
			}
		}
		return event.equals("i") ? identity() : all();
	}

}
