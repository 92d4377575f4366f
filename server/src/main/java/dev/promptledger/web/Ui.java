package dev.promptledger.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Role;

/** Helpers the templates call as {@code @ui}: dates, and what the current user may do. */
public final class Ui {

	private static final DateTimeFormatter READABLE = DateTimeFormatter
		.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	public String date(Instant instant) {
		return instant == null ? "" : READABLE.format(instant);
	}

	public String exact(Instant instant) {
		return instant == null ? "" : EXACT.format(instant);
	}

	public boolean canEdit(Actor actor) {
		return actor != null && actor.role().compareTo(Role.EDITOR) >= 0;
	}

	/** Whether the user may move labels that have no policy, and open change requests. */
	public boolean canMoveLabels(Actor actor) {
		return actor != null && actor.role().atLeast(Role.TO_MOVE_LABELS);
	}

	public boolean isAdmin(Actor actor) {
		return actor != null && actor.role() == Role.ADMIN;
	}

	public boolean canRevert(Actor actor) {
		return actor != null && actor.role().compareTo(Role.MAINTAINER) >= 0;
	}

	/** Every label of a prompt, sorted: for lists. */
	public java.util.List<String> labels(dev.promptledger.version.PromptView prompt) {
		return prompt.labels().values().stream().flatMap(java.util.List::stream).sorted().toList();
	}

	/** One top-level setting of a config, as the readable view shows it. */
	public record Setting(String key, String value) {
	}

	/**
	 * A config's top-level settings in its order: strings as they are, anything else as
	 * compact JSON.
	 */
	public java.util.List<Setting> settings(dev.promptledger.version.Body body) {
		java.util.List<Setting> settings = new java.util.ArrayList<>();
		for (var member : body.config().properties()) {
			var value = member.getValue();
			settings.add(new Setting(member.getKey(),
					value.isString() ? value.stringValue() : dev.promptledger.version.Json.write(value)));
		}
		return settings;
	}

	/**
	 * What a textarea holds to show {@code text} as it is: a first newline, which the
	 * HTML parser drops.
	 */
	public String textarea(String text) {
		return "\n" + (text == null ? "" : text);
	}

	/** Text as HTML with invisible formatting characters shown, for review views. */
	public String visible(String text) {
		return Visible.html(text);
	}

}
