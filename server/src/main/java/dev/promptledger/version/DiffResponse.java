package dev.promptledger.version;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The change from one version ({@code from}, null for "nothing": the diff of a version 1)
 * to another, as the diff endpoint and revert previews return it. {@code unified} and
 * {@code hunks} diff a text's content, or a chat's canonical text form; {@code messages}
 * (chats only) diffs message by message; {@code config} is the JSON Patch from the older
 * config to the newer.
 */
public record DiffResponse(Side from, Side to, String unified, List<ContentDiff.Hunk> hunks,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<MessageChange> messages, JsonNode config,
		ChangeSummary summary) {

	/** Which version a side of a diff is. */
	public record Side(@JsonProperty("version_id") UUID versionId, int number) {
	}

	/**
	 * One message's fate: {@code role} is the newer side's ({@code from_role} the older
	 * one's when it changed), {@code placeholder} names a placeholder item; the hunks
	 * diff its content.
	 */
	public record MessageChange(String op, @JsonProperty("from_index") Integer fromIndex,
			@JsonProperty("to_index") Integer toIndex, String role,
			@JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("from_role") String fromRole,
			@JsonInclude(JsonInclude.Include.NON_NULL) String placeholder, List<ContentDiff.Hunk> hunks) {
	}

	/** Both versions need their body loaded. */
	public static DiffResponse of(Version from, Version to) {
		PromptState before = from == null ? null : from.state();
		try (DiffGate.Permit permit = DiffGate.enterForAnswer(Diffs.chars(before, to.state()))) {
			return compute(from, to);
		}
	}

	private static DiffResponse compute(Version from, Version to) {
		PromptState before = from == null ? null : from.state();
		Body older = from == null ? null : from.body();
		Body newer = to.body();
		ContentDiff diff = ContentDiff.of(from == null ? "/dev/null" : label(from),
				older == null ? "" : older.diffText(), label(to), newer.diffText());
		List<MessageChange> messages = newer.messages() == null ? null
				: messages(older == null ? List.of() : older.messages(), newer.messages());
		JsonNode config = ConfigPatch.between(older == null ? Json.emptyObject() : older.config(), newer.config());
		return new DiffResponse(from == null ? null : new Side(from.id(), from.number()),
				new Side(to.id(), to.number()), diff.unified(), diff.hunks(), messages, config,
				Diffs.summarizeHeld(before, to.state()));
	}

	private static List<MessageChange> messages(List<ChatItem> before, List<ChatItem> after) {
		List<ChatDiff.Step> steps = ChatDiff.align(before, after);
		long budget = Diffs.BUDGET / Math.max(1, ChatDiff.changes(steps));
		List<MessageChange> changes = new ArrayList<>(steps.size());
		for (ChatDiff.Step step : steps) {
			ChatItem old = step.fromIndex() < 0 ? null : before.get(step.fromIndex());
			ChatItem now = step.toIndex() < 0 ? null : after.get(step.toIndex());
			ChatItem shown = now != null ? now : old;
			String fromRole = old != null && now != null && old.role() != null && !old.role().equals(now.role())
					? old.role() : null;
			List<ContentDiff.Hunk> hunks = step.op() == ChatDiff.Op.SAME ? List.of()
					: ContentDiff
						.of("", ChatDiff.text(before, step.fromIndex()), "", ChatDiff.text(after, step.toIndex()),
								budget)
						.hunks();
			changes.add(new MessageChange(step.op().wireName(), step.fromIndex() < 0 ? null : step.fromIndex(),
					step.toIndex() < 0 ? null : step.toIndex(), shown.role(), fromRole, shown.placeholder(), hunks));
		}
		return changes;
	}

	private static String label(Version version) {
		return version.name() + "@v" + version.number();
	}

}
