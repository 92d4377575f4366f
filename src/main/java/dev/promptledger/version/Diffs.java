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
	 * usual prompt gets a minimal diff.
	 */
	static final long BUDGET = 20_000_000L;

	static final int CONTEXT = 3;

	private Diffs() {
	}

	/** The changes from {@code from} to {@code to}, in order. */
	static List<BoundedDiff.Delta> deltas(Sequence from, Sequence to) {
		return BoundedDiff.deltas(from.ids(), to.ids(), BUDGET);
	}

	/**
	 * The summary of the change from {@code from} (null: nothing before) to {@code to}.
	 */
	public static ChangeSummary summarize(PromptState from, PromptState to) {
		String before = from == null ? "" : from.content();
		try (DiffGate.Permit permit = DiffGate.enter((long) before.length() + to.content().length())) {
			return summarizeHeld(from, to);
		}
	}

	/**
	 * The same, for a caller that holds the {@link DiffGate} permits for the pair
	 * already.
	 */
	static ChangeSummary summarizeHeld(PromptState from, PromptState to) {
		Sequence[] lines = Sequence.pair(from == null ? "" : from.content(), to.content(), Sequence.Cut.LINES);
		int linesAdded = 0;
		int linesRemoved = 0;
		long charsAdded = 0;
		long charsRemoved = 0;
		for (BoundedDiff.Delta delta : deltas(lines[0], lines[1])) {
			linesRemoved += delta.fromCount();
			linesAdded += delta.toCount();
			charsRemoved += lines[0].codePoints(delta.fromPos(), delta.fromCount());
			charsAdded += lines[1].codePoints(delta.toPos(), delta.toCount());
		}
		return new ChangeSummary(linesAdded, linesRemoved, (int) charsAdded, (int) charsRemoved,
				to.fieldsChangedFrom(from));
	}

}
