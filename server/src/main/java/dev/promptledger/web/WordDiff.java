package dev.promptledger.web;

import java.util.List;

import dev.promptledger.version.Diffs;

/**
 * The words that changed between two versions of a line, marked inside it, so that a
 * one-word change is visible at a glance: each side as HTML ({@link Visible}) with what
 * it lost or gained in {@code <mark>}.
 * <p>
 * The lines are compared word by word by the diff every other view uses
 * ({@link Diffs#words}). The work is bounded: lines longer than {@value #MAX_CHARS}
 * characters together are not compared (the whole line stays marked by its row), and
 * neither are two lines that keep less than a third of their characters, as marking
 * nearly everything says less than marking nothing.
 */
public final class WordDiff {

	/** The most characters two lines may have together to be compared. */
	static final int MAX_CHARS = 8_000;

	/** The work one comparison may do (see {@link Diffs#words}). */
	private static final long BUDGET = 200_000;

	/** Both sides as HTML with their changed words marked. */
	public record Marked(String before, String after) {
	}

	private WordDiff() {
	}

	/**
	 * The two lines with their changes marked; null when they are not worth comparing
	 * (equal, too long, or too different).
	 */
	public static Marked of(String before, String after) {
		if (before == null || after == null || before.equals(after)
				|| (long) before.length() + after.length() > MAX_CHARS) {
			return null;
		}
		List<Diffs.WordChange> changes = Diffs.words(before, after, BUDGET);
		long changed = 0;
		for (Diffs.WordChange change : changes) {
			changed += change.fromEnd() - change.fromStart() + change.toEnd() - change.toStart();
		}
		long kept = before.length() + after.length() - changed;
		if (kept * 2 < changed) {
			return null;
		}
		StringBuilder old = new StringBuilder();
		StringBuilder now = new StringBuilder();
		int from = 0;
		int to = 0;
		for (Diffs.WordChange change : changes) {
			old.append(Visible.html(before.substring(from, change.fromStart())));
			now.append(Visible.html(after.substring(to, change.toStart())));
			mark(old, before.substring(change.fromStart(), change.fromEnd()));
			mark(now, after.substring(change.toStart(), change.toEnd()));
			from = change.fromEnd();
			to = change.toEnd();
		}
		old.append(Visible.html(before.substring(from)));
		now.append(Visible.html(after.substring(to)));
		return new Marked(old.toString(), now.toString());
	}

	private static void mark(StringBuilder out, String text) {
		if (!text.isEmpty()) {
			out.append("<mark class=\"w\">").append(Visible.html(text)).append("</mark>");
		}
	}

}
