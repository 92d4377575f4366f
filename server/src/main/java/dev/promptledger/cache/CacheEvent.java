package dev.promptledger.cache;

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
	 * The notification payload: the event, then the sending node, so a node can skip its
	 * own.
	 */
	String payload(String node) {
		String event = switch (this.kind) {
			case PROMPT -> "p:" + this.promptId;
			case IDENTITY -> "i";
			case ALL -> "*";
		};
		return event + " " + node;
	}

	/** The node that sent a payload. */
	static String sender(String payload) {
		int space = payload.lastIndexOf(' ');
		return space < 0 ? "" : payload.substring(space + 1);
	}

	static CacheEvent parse(String payload) {
		int space = payload.lastIndexOf(' ');
		if (space >= 0) {
			payload = payload.substring(0, space);
		}
		if (payload.startsWith("p:")) {
			try {
				return prompt(UUID.fromString(payload.substring(2)));
			}
			catch (IllegalArgumentException ex) {
				return all();
			}
		}
		return payload.equals("i") ? identity() : all();
	}

}
