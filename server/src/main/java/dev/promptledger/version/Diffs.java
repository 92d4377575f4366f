package dev.promptledger.version;

import java.util.List;

/**
 * Line diffs between two contents, bounded in cost ({@link BoundedDiff}). Lines keep
 * their terminators while they are compared, so a change of the final newline is a change
 * like any other.
 */
public final class Diffs {

	/**
	 * The work one diff may do beyond a linear pass over both sides: about 30 ms on a
	 * slow core, whatever the pair (docs/api.md, "Limits"). Within it every edit of a
	 * usual prompt gets a minimal diff. The messages of a chat share one such budget.
	 */
	static final long BUDGET = 20_000_000L;

	static final int CONTEXT = 3;

	private Diffs() {
	}

	/** The changes from {@code from} to {@code to}, in order. */
	static List<BoundedDiff.Delta> deltas(Sequence from, Sequence to, long budget) {
		return BoundedDiff.deltas(from.ids(), to.ids(), budget);
	}

	/**
	 * A region where two texts compared word by word differ: the characters
	 * {@code [fromStart, fromEnd)} of the first became {@code [toStart, toEnd)} of the
	 * second.
	 */
	public record WordChange(int fromStart, int fromEnd, int toStart, int toEnd) {
	}

	/**
	 * The changes from {@code from} to {@code to} cut into words (runs of letters or
	 * digits, runs of blanks, every other character alone), within {@code budget} steps.
	 */
	public static List<WordChange> words(String from, String to, long budget) {
		Sequence[] sides = Sequence.pair(from, to, Sequence.Cut.TOKENS);
		return BoundedDiff.deltas(sides[0].ids(), sides[1].ids(), budget)
			.stream()
			.map(delta -> new WordChange(sides[0].start(delta.fromPos()),
					sides[0].start(delta.fromPos() + delta.fromCount()), sides[1].start(delta.toPos()),
					sides[1].start(delta.toPos() + delta.toCount())))
			.toList();
	}

	/**
	 * The summary of the change from {@code from} (null: nothing before) to {@code to}.
	 */
	public static ChangeSummary summarize(PromptState from, PromptState to) {
		try (DiffGate.Permit permit = DiffGate.enter(chars(from, to))) {
			return summarizeHeld(from, to);
		}
	}

	/** The characters a diff of the two states compares, for the {@link DiffGate}. */
	static long chars(PromptState from, PromptState to) {
		return (from == null ? 0 : from.body().chars()) + to.body().chars();
	}

	/**
	 * The same, for a caller that holds the {@link DiffGate} permits for the pair
	 * already. The line counts cover a text's content, or a chat's messages' contents.
	 */
	static ChangeSummary summarizeHeld(PromptState from, PromptState to) {
		LineCount count = new LineCount();
		List<ChatItem> after = to.body().messages();
		if (after == null) {
			count.add(from == null ? "" : from.content(), to.content(), BUDGET);
		}
		else {
			List<ChatItem> before = from == null ? List.of() : from.body().messages();
			List<ChatDiff.Step> steps = ChatDiff.align(before, after);
			long budget = BUDGET / Math.max(1, ChatDiff.changes(steps));
			for (ChatDiff.Step step : steps) {
				if (step.op() != ChatDiff.Op.SAME) {
					count.add(ChatDiff.text(before, step.fromIndex()), ChatDiff.text(after, step.toIndex()), budget);
				}
			}
		}
		return new ChangeSummary(count.linesAdded, count.linesRemoved, (int) count.charsAdded, (int) count.charsRemoved,
				to.fieldsChangedFrom(from));
	}

	private static final class LineCount {

		int linesAdded;

		int linesRemoved;

		long charsAdded;

		long charsRemoved;

		void add(String before, String after, long budget) {
			Sequence[] lines = Sequence.pair(before, after, Sequence.Cut.LINES);
			for (BoundedDiff.Delta delta : deltas(lines[0], lines[1], budget)) {
				this.linesRemoved += delta.fromCount();
				this.linesAdded += delta.toCount();
				this.charsRemoved += lines[0].codePoints(delta.fromPos(), delta.fromCount());
				this.charsAdded += lines[1].codePoints(delta.toPos(), delta.toCount());
			}
		}

	}

}
