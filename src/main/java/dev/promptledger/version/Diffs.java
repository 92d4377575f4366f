package dev.promptledger.version;

import java.util.ArrayList;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * Line diffs between two contents, computed with java-diff-utils. Lines keep their terminators while
 * they are compared, so a change of the final newline is a change like any other.
 */
public final class Diffs {

	/** Above this many line comparisons, the differing middle is treated as one replaced block (bounded cost). */
	static final long MAX_COMPARISONS = 4_000_000L;

	static final int CONTEXT = 3;

	private Diffs() {
	}

	/** A region where the two contents differ: {@code fromCount} lines at {@code fromPos} became {@code toCount} lines at {@code toPos}. */
	record Delta(int fromPos, int fromCount, int toPos, int toCount) {
	}

	/** The changes from {@code from} to {@code to}, in order. */
	static List<Delta> deltas(List<String> from, List<String> to) {
		return deltas(from, to, MAX_COMPARISONS);
	}

	/**
	 * The changes from {@code from} to {@code to}; when the differing middles would need more than
	 * {@code maxComparisons} comparisons, they are one replaced block (the diff's cost stays bounded).
	 */
	static List<Delta> deltas(List<String> from, List<String> to, long maxComparisons) {
		int prefix = 0;
		int max = Math.min(from.size(), to.size());
		while (prefix < max && from.get(prefix).equals(to.get(prefix))) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < max - prefix
				&& from.get(from.size() - 1 - suffix).equals(to.get(to.size() - 1 - suffix))) {
			suffix++;
		}
		List<String> a = from.subList(prefix, from.size() - suffix);
		List<String> b = to.subList(prefix, to.size() - suffix);
		List<Delta> deltas = new ArrayList<>();
		if (a.isEmpty() && b.isEmpty()) {
			return deltas;
		}
		if (a.isEmpty() || b.isEmpty() || (long) a.size() * b.size() > maxComparisons) {
			deltas.add(new Delta(prefix, a.size(), prefix, b.size()));
			return deltas;
		}
		for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
			deltas.add(new Delta(prefix + delta.getSource().getPosition(), delta.getSource().size(),
					prefix + delta.getTarget().getPosition(), delta.getTarget().size()));
		}
		return deltas;
	}

	/** Splits text into lines that keep their {@code \n}; the last line has none when the text does not end with one. */
	static List<String> lines(String text) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				lines.add(text.substring(start));
				break;
			}
			lines.add(text.substring(start, end + 1));
			start = end + 1;
		}
		return lines;
	}

	/** The summary of the change from {@code from} (null: nothing before) to {@code to}. */
	public static ChangeSummary summarize(PromptState from, PromptState to) {
		List<String> before = lines(from == null ? "" : from.content());
		List<String> after = lines(to.content());
		int linesAdded = 0;
		int linesRemoved = 0;
		long charsAdded = 0;
		long charsRemoved = 0;
		for (Delta delta : deltas(before, after)) {
			linesRemoved += delta.fromCount();
			linesAdded += delta.toCount();
			charsRemoved += chars(before, delta.fromPos(), delta.fromCount());
			charsAdded += chars(after, delta.toPos(), delta.toCount());
		}
		return new ChangeSummary(linesAdded, linesRemoved, (int) charsAdded, (int) charsRemoved,
				to.fieldsChangedFrom(from));
	}

	private static long chars(List<String> lines, int from, int count) {
		long total = 0;
		for (int i = from; i < from + count; i++) {
			String line = lines.get(i);
			total += line.codePointCount(0, line.length());
		}
		return total;
	}

}
