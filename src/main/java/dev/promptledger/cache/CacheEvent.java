package dev.promptledger.cache;

import java.util.UUID;

/**
 * What changed, as the nodes tell each other: one prompt (its versions, labels or liveness), or the
 * identities (users, roles, tokens), or everything (a node whose listener reconnects forgets it all).
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

	String payload() {
		return switch (this.kind) {
			case PROMPT -> "p:" + this.promptId;
			case IDENTITY -> "i";
			case ALL -> "*";
		};
	}

	static CacheEvent parse(String payload) {
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
