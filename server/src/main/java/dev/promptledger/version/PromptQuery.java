package dev.promptledger.version;

import java.util.List;
import java.util.Locale;

import dev.promptledger.http.Keyset.TimeKey;

/**
 * Which live prompts a list shows, and in which order: those whose name, description or
 * current content or messages contain {@code q} (case-insensitive; null for any), that
 * have every tag of {@code tags}, sorted by {@code sort}.
 */
public record PromptQuery(String q, List<String> tags, Sort sort) {

	public PromptQuery {
		tags = List.copyOf(tags);
	}

	/** The orders of a list of prompts. */
	public enum Sort {

		/** The most recently changed first (the default). */
		UPDATED_AT,

		/** The newest first. */
		CREATED_AT,

		/** By name, A to Z. */
		NAME;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The sort of this wire name, or null. */
		public static Sort fromWire(String name) {
			for (Sort sort : values()) {
				if (sort.wireName().equals(name)) {
					return sort;
				}
			}
			return null;
		}

		/** Where {@code prompt} stands in this order, as a cursor holds it. */
		public String position(PromptView prompt) {
			return switch (this) {
				case UPDATED_AT -> TimeKey.of(prompt.updatedAt(), prompt.id()).toString();
				case CREATED_AT -> TimeKey.of(prompt.createdAt(), prompt.id()).toString();
				case NAME -> prompt.latest().name();
			};
		}

	}

	/** What a cursor of this list is bound to. */
	public String scope() {
		return this.sort.wireName() + "\n" + (this.q == null ? "" : this.q) + "\n" + String.join(",", this.tags);
	}

}
