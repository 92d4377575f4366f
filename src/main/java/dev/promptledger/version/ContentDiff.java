package dev.promptledger.version;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A unified diff of two contents, as text and as structured hunks with {@value Diffs#CONTEXT} lines of context. */
public record ContentDiff(String unified, List<Hunk> hunks) {

	private static final String NO_NEWLINE = "\\ No newline at end of file\n";

	/** One hunk; starts are 1-based line numbers as in the unified header (0 for an empty side). */
	public record Hunk(@JsonProperty("from_start") int fromStart, @JsonProperty("from_count") int fromCount,
			@JsonProperty("to_start") int toStart, @JsonProperty("to_count") int toCount, List<Line> lines) {
	}

	/** One line of a hunk, without its line terminator. */
	public record Line(String op, String text) {
	}

	/**
	 * The diff from {@code fromText} to {@code toText}; {@code fromLabel} and {@code toLabel} name the
	 * two sides in the unified header.
	 */
	public static ContentDiff of(String fromLabel, String fromText, String toLabel, String toText) {
		List<String> from = Diffs.lines(fromText);
		List<String> to = Diffs.lines(toText);
		List<Diffs.Delta> deltas = Diffs.deltas(from, to);
		if (deltas.isEmpty()) {
			return new ContentDiff("", List.of());
		}
		StringBuilder unified = new StringBuilder();
		unified.append("--- ").append(fromLabel).append('\n').append("+++ ").append(toLabel).append('\n');
		List<Hunk> hunks = new ArrayList<>();
		int i = 0;
		while (i < deltas.size()) {
			int j = i;
			while (j + 1 < deltas.size() && deltas.get(j + 1).fromPos()
					- (deltas.get(j).fromPos() + deltas.get(j).fromCount()) <= 2 * Diffs.CONTEXT) {
				j++;
			}
			hunks.add(hunk(from, to, deltas.subList(i, j + 1), unified));
			i = j + 1;
		}
		return new ContentDiff(unified.toString(), hunks);
	}

	private static Hunk hunk(List<String> from, List<String> to, List<Diffs.Delta> group, StringBuilder unified) {
		Diffs.Delta first = group.get(0);
		Diffs.Delta last = group.get(group.size() - 1);
		int fromStart = Math.max(0, first.fromPos() - Diffs.CONTEXT);
		int fromEnd = Math.min(from.size(), last.fromPos() + last.fromCount() + Diffs.CONTEXT);
		int toStart = first.toPos() - (first.fromPos() - fromStart);
		int toEnd = last.toPos() + last.toCount() + (fromEnd - last.fromPos() - last.fromCount());
		int fromCount = fromEnd - fromStart;
		int toCount = toEnd - toStart;
		int fromHeader = fromCount == 0 ? fromStart : fromStart + 1;
		int toHeader = toCount == 0 ? toStart : toStart + 1;
		unified.append("@@ -").append(fromHeader).append(',').append(fromCount)
			.append(" +").append(toHeader).append(',').append(toCount).append(" @@\n");
		List<Line> lines = new ArrayList<>();
		int f = fromStart;
		for (Diffs.Delta delta : group) {
			for (; f < delta.fromPos(); f++) {
				add(lines, unified, "context", ' ', from.get(f));
			}
			for (int k = 0; k < delta.fromCount(); k++, f++) {
				add(lines, unified, "remove", '-', from.get(f));
			}
			for (int k = 0; k < delta.toCount(); k++) {
				add(lines, unified, "add", '+', to.get(delta.toPos() + k));
			}
		}
		for (; f < fromEnd; f++) {
			add(lines, unified, "context", ' ', from.get(f));
		}
		return new Hunk(fromHeader, fromCount, toHeader, toCount, lines);
	}

	private static void add(List<Line> lines, StringBuilder unified, String op, char symbol, String line) {
		boolean terminated = line.endsWith("\n");
		String text = terminated ? line.substring(0, line.length() - 1) : line;
		lines.add(new Line(op, text));
		unified.append(symbol).append(text).append('\n');
		if (!terminated) {
			unified.append(NO_NEWLINE);
		}
	}

}
