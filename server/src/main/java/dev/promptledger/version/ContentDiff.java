package dev.promptledger.version;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A unified diff of two contents, as text and as structured hunks with
 * {@value Diffs#CONTEXT} lines of context.
 */
public record ContentDiff(String unified, List<Hunk> hunks) {

	private static final String NO_NEWLINE = "\\ No newline at end of file\n";

	/**
	 * One hunk; starts are 1-based line numbers as in the unified header (0 for an empty
	 * side).
	 */
	public record Hunk(@JsonProperty("from_start") int fromStart, @JsonProperty("from_count") int fromCount,
			@JsonProperty("to_start") int toStart, @JsonProperty("to_count") int toCount, List<Line> lines) {
	}

	/** One line of a hunk, without its line terminator. */
	public record Line(String op, String text) {
	}

	/**
	 * The diff from {@code fromText} to {@code toText}; {@code fromLabel} and
	 * {@code toLabel} name the two sides in the unified header.
	 */
	public static ContentDiff of(String fromLabel, String fromText, String toLabel, String toText) {
		return of(fromLabel, fromText, toLabel, toText, Diffs.BUDGET);
	}

	/** The same, within {@code budget} (see {@link BoundedDiff}). */
	static ContentDiff of(String fromLabel, String fromText, String toLabel, String toText, long budget) {
		Sequence[] sides = Sequence.pair(fromText, toText, Sequence.Cut.LINES);
		Sequence from = sides[0];
		Sequence to = sides[1];
		List<BoundedDiff.Delta> deltas = Diffs.deltas(from, to, budget);
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

	private static Hunk hunk(Sequence from, Sequence to, List<BoundedDiff.Delta> group, StringBuilder unified) {
		BoundedDiff.Delta first = group.get(0);
		BoundedDiff.Delta last = group.get(group.size() - 1);
		int fromStart = Math.max(0, first.fromPos() - Diffs.CONTEXT);
		int fromEnd = Math.min(from.size(), last.fromPos() + last.fromCount() + Diffs.CONTEXT);
		int toStart = first.toPos() - (first.fromPos() - fromStart);
		int toEnd = last.toPos() + last.toCount() + (fromEnd - last.fromPos() - last.fromCount());
		int fromCount = fromEnd - fromStart;
		int toCount = toEnd - toStart;
		int fromHeader = fromCount == 0 ? fromStart : fromStart + 1;
		int toHeader = toCount == 0 ? toStart : toStart + 1;
		unified.append("@@ -")
			.append(fromHeader)
			.append(',')
			.append(fromCount)
			.append(" +")
			.append(toHeader)
			.append(',')
			.append(toCount)
			.append(" @@\n");
		Lines lines = new Lines(from, to);
		int f = fromStart;
		for (BoundedDiff.Delta delta : group) {
			for (; f < delta.fromPos(); f++) {
				lines.add(CONTEXT, f, unified);
			}
			for (int k = 0; k < delta.fromCount(); k++, f++) {
				lines.add(REMOVE, f, unified);
			}
			for (int k = 0; k < delta.toCount(); k++) {
				lines.add(ADD, delta.toPos() + k, unified);
			}
		}
		for (; f < fromEnd; f++) {
			lines.add(CONTEXT, f, unified);
		}
		return new Hunk(fromHeader, fromCount, toHeader, toCount, lines);
	}

	private static final int CONTEXT = 0;

	private static final int REMOVE = 1;

	private static final int ADD = 2;

	private static final String[] OPS = { "context", "remove", "add" };

	private static final char[] SYMBOLS = { ' ', '-', '+' };

	/**
	 * A hunk's lines as one int each (the op and the line's index on its side), made into
	 * {@link Line}s only as they are read: a diff of a million lines does not hold a
	 * million objects.
	 */
	private static final class Lines extends AbstractList<Line> {

		private final Sequence from;

		private final Sequence to;

		private int[] codes = new int[16];

		private int size;

		Lines(Sequence from, Sequence to) {
			this.from = from;
			this.to = to;
		}

		void add(int op, int index, StringBuilder unified) {
			if (this.size == this.codes.length) {
				this.codes = Arrays.copyOf(this.codes, this.size * 2);
			}
			this.codes[this.size++] = op << 30 | index;
			String text = text(op, index);
			unified.append(SYMBOLS[op]).append(text).append('\n');
			if (!(op == ADD ? this.to : this.from).element(index).endsWith("\n")) {
				unified.append(NO_NEWLINE);
			}
		}

		private String text(int op, int index) {
			String line = (op == ADD ? this.to : this.from).element(index);
			return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
		}

		@Override
		public Line get(int i) {
			Objects.checkIndex(i, this.size);
			int op = this.codes[i] >>> 30;
			return new Line(OPS[op], text(op, this.codes[i] & ((1 << 30) - 1)));
		}

		@Override
		public int size() {
			return this.size;
		}

	}

}
