package dev.promptledger.web;

import java.util.ArrayList;
import java.util.List;

import dev.promptledger.version.ContentDiff;

/**
 * A diff laid out for the page: inline rows, and side-by-side rows that pair removed and
 * added lines; {@code digits} is how many digits the largest line number shown has (3 to
 * 7), so that the number columns are as wide as that and a number never breaks. A page
 * shows at most {@value #MAX_ROWS} rows; {@code omitted} counts the lines left out, so
 * that the diff of a million-line content costs a page of bounded size.
 */
public record DiffView(List<Hunk> hunks, long omitted, int digits) {

	static final int MAX_ROWS = 5_000;

	/**
	 * The characters of paired lines a page compares word by word at most: beyond it,
	 * changed lines are marked whole.
	 */
	static final long WORD_DIFF_CHARS = 200_000;

	/**
	 * One line of the inline view; {@code kind} is context, add or remove, {@code symbol}
	 * says the same without colour; {@code marked} is its HTML with the words that
	 * changed marked, when it was compared with its counterpart ({@link WordDiff}).
	 */
	public record Row(String kind, String symbol, Integer oldNumber, Integer newNumber, String text, String marked) {

		Row(String kind, String symbol, Integer oldNumber, Integer newNumber, String text) {
			this(kind, symbol, oldNumber, newNumber, text, null);
		}

		/**
		 * The text as HTML with invisible formatting characters shown ({@link Visible}),
		 * and its changed words marked when known.
		 */
		public String html() {
			return this.marked != null ? this.marked : Visible.html(this.text);
		}

		Row marked(String html) {
			return new Row(this.kind, this.symbol, this.oldNumber, this.newNumber, this.text, html);
		}

	}

	/**
	 * One line of the side-by-side view: left is the old side, right the new; either may
	 * be empty.
	 */
	public record Pair(Row left, Row right) {
	}

	public record Hunk(String header, List<Row> rows, List<Pair> pairs) {
	}

	static DiffView of(List<ContentDiff.Hunk> hunks) {
		List<Hunk> views = new ArrayList<>();
		long[] wordBudget = { WORD_DIFF_CHARS };
		int shown = 0;
		long omitted = 0;
		for (ContentDiff.Hunk hunk : hunks) {
			if (shown >= MAX_ROWS) {
				omitted += hunk.lines().size();
				continue;
			}
			List<Row> rows = new ArrayList<>();
			int oldLine = Math.max(hunk.fromStart(), 1);
			int newLine = Math.max(hunk.toStart(), 1);
			for (ContentDiff.Line line : hunk.lines()) {
				if (shown++ >= MAX_ROWS) {
					omitted++;
					continue;
				}
				switch (line.op()) {
					case "add" -> rows.add(new Row("add", "+", null, newLine++, line.text()));
					case "remove" -> rows.add(new Row("remove", "−", oldLine++, null, line.text()));
					default -> rows.add(new Row("context", " ", oldLine++, newLine++, line.text()));
				}
			}
			String header = "@@ -" + hunk.fromStart() + "," + hunk.fromCount() + " +" + hunk.toStart() + ","
					+ hunk.toCount() + " @@";
			markWords(rows, wordBudget);
			views.add(new Hunk(header, rows, pairs(rows)));
		}
		return new DiffView(views, omitted, digits(views));
	}

	/**
	 * Marks the changed words of each removed line paired with the added line in the same
	 * place of its block, while {@code budget} (characters) lasts.
	 */
	private static void markWords(List<Row> rows, long[] budget) {
		int i = 0;
		while (i < rows.size()) {
			int removed = i;
			while (i < rows.size() && rows.get(i).kind().equals("remove")) {
				i++;
			}
			int added = i;
			while (i < rows.size() && rows.get(i).kind().equals("add")) {
				i++;
			}
			for (int k = 0; k < Math.min(added - removed, i - added); k++) {
				Row before = rows.get(removed + k);
				Row after = rows.get(added + k);
				long cost = (long) before.text().length() + after.text().length();
				if (cost > budget[0]) {
					return;
				}
				budget[0] -= cost;
				WordDiff.Marked marked = WordDiff.of(before.text(), after.text());
				if (marked != null) {
					rows.set(removed + k, before.marked(marked.before()));
					rows.set(added + k, after.marked(marked.after()));
				}
			}
			if (i == removed) {
				i++;
			}
		}
	}

	private static List<Pair> pairs(List<Row> rows) {
		List<Pair> pairs = new ArrayList<>();
		int i = 0;
		while (i < rows.size()) {
			Row row = rows.get(i);
			if (row.kind().equals("context")) {
				pairs.add(new Pair(row, row));
				i++;
				continue;
			}
			List<Row> removed = new ArrayList<>();
			List<Row> added = new ArrayList<>();
			while (i < rows.size() && rows.get(i).kind().equals("remove")) {
				removed.add(rows.get(i++));
			}
			while (i < rows.size() && rows.get(i).kind().equals("add")) {
				added.add(rows.get(i++));
			}
			for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
				pairs.add(new Pair(k < removed.size() ? removed.get(k) : null, k < added.size() ? added.get(k) : null));
			}
		}
		return pairs;
	}

	public boolean isEmpty() {
		return this.hunks.isEmpty();
	}

	/**
	 * How many digits the largest line number shown has (3 to 7): the line number columns
	 * are as wide as that, so a number never breaks onto two lines.
	 */
	private static int digits(List<Hunk> hunks) {
		int largest = 0;
		for (Hunk hunk : hunks) {
			for (Row row : hunk.rows()) {
				largest = Math.max(largest, Math.max(row.oldNumber() == null ? 0 : row.oldNumber(),
						row.newNumber() == null ? 0 : row.newNumber()));
			}
		}
		return Math.max(3, Math.min(7, Integer.toString(largest).length()));
	}

}
