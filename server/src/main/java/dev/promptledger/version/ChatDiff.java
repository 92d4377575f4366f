package dev.promptledger.version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one chat's messages became another's: messages equal on both sides are matched in
 * order (a minimal diff of the two lists); within each stretch between matches, removed
 * and added messages are paired in order as changes (so a new role or an edited content
 * is one {@code change}), and the rest are removed or added. A moved message is removed
 * where it was and added where it is.
 */
final class ChatDiff {

	enum Op {

		SAME, ADD, REMOVE, CHANGE;

		String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** One step; an index is -1 where its side has no message. */
	record Step(Op op, int fromIndex, int toIndex) {
	}

	private ChatDiff() {
	}

	static List<Step> align(List<ChatItem> from, List<ChatItem> to) {
		Map<ChatItem, Integer> numbers = new HashMap<>();
		int[] a = numbered(from, numbers);
		int[] b = numbered(to, numbers);
		List<Step> steps = new ArrayList<>(Math.max(a.length, b.length));
		int i = 0;
		int j = 0;
		for (BoundedDiff.Delta delta : BoundedDiff.deltas(a, b, Diffs.BUDGET)) {
			while (i < delta.fromPos()) {
				steps.add(new Step(Op.SAME, i++, j++));
			}
			int paired = Math.min(delta.fromCount(), delta.toCount());
			for (int k = 0; k < paired; k++) {
				steps.add(new Step(Op.CHANGE, i++, j++));
			}
			for (int k = paired; k < delta.fromCount(); k++) {
				steps.add(new Step(Op.REMOVE, i++, -1));
			}
			for (int k = paired; k < delta.toCount(); k++) {
				steps.add(new Step(Op.ADD, -1, j++));
			}
		}
		while (i < a.length) {
			steps.add(new Step(Op.SAME, i++, j++));
		}
		return steps;
	}

	/** How many steps compare two contents (changes), for sharing a diff budget. */
	static int changes(List<Step> steps) {
		int changes = 0;
		for (Step step : steps) {
			if (step.op() == Op.CHANGE) {
				changes++;
			}
		}
		return changes;
	}

	/** The text of a message's content on one side of a step ("" for none). */
	static String text(List<ChatItem> items, int index) {
		if (index < 0) {
			return "";
		}
		ChatItem item = items.get(index);
		return item.isPlaceholder() ? "" : item.content();
	}

	private static int[] numbered(List<ChatItem> items, Map<ChatItem, Integer> numbers) {
		int[] ids = new int[items.size()];
		for (int i = 0; i < ids.length; i++) {
			Integer known = numbers.putIfAbsent(items.get(i), numbers.size());
			ids[i] = known == null ? numbers.size() - 1 : known;
		}
		return ids;
	}

}
