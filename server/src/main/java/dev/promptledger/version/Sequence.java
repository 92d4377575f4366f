package dev.promptledger.version;

import java.util.HashMap;
import java.util.Map;

/**
 * A text cut into elements (lines, or word tokens) for diffing: where each element
 * starts, and a number per element that is equal exactly when the elements are, so that
 * comparing two elements is comparing two ints. The two sides of one diff are cut
 * together ({@link #pair}) to share numbers.
 */
final class Sequence {

	/** How a text is cut. */
	enum Cut {

		/**
		 * Lines that keep their {@code \n}; the last has none when the text does not end
		 * with one.
		 */
		LINES,

		/**
		 * Runs of letters or digits, runs of blanks, and every other character on its
		 * own.
		 */
		TOKENS

	}

	private final String text;

	/**
	 * {@code starts[i]} is where element i begins; {@code starts[size]} is the text's
	 * length.
	 */
	private final int[] starts;

	private final int[] ids;

	private Sequence(String text, int[] starts, int[] ids) {
		this.text = text;
		this.starts = starts;
		this.ids = ids;
	}

	/** Cuts both texts the same way, numbering equal elements alike across the two. */
	static Sequence[] pair(String from, String to, Cut cut) {
		Map<String, Integer> numbers = new HashMap<>();
		return new Sequence[] { of(from, cut, numbers), of(to, cut, numbers) };
	}

	private static Sequence of(String text, Cut cut, Map<String, Integer> numbers) {
		int[] starts = new int[16];
		int size = 0;
		int at = 0;
		while (at < text.length()) {
			if (size + 1 >= starts.length) {
				starts = java.util.Arrays.copyOf(starts, starts.length * 2);
			}
			starts[size++] = at;
			at = cut == Cut.LINES ? endOfLine(text, at) : endOfToken(text, at);
		}
		starts = java.util.Arrays.copyOf(starts, size + 1);
		starts[size] = text.length();
		int[] ids = new int[size];
		for (int i = 0; i < size; i++) {
			Integer known = numbers.putIfAbsent(text.substring(starts[i], starts[i + 1]), numbers.size());
			ids[i] = known == null ? numbers.size() - 1 : known;
		}
		return new Sequence(text, starts, ids);
	}

	private static int endOfLine(String text, int at) {
		int newline = text.indexOf('\n', at);
		return newline < 0 ? text.length() : newline + 1;
	}

	private static int endOfToken(String text, int at) {
		int kind = kind(text.codePointAt(at));
		int end = at + Character.charCount(text.codePointAt(at));
		if (kind != 0) {
			while (end < text.length() && kind(text.codePointAt(end)) == kind) {
				end += Character.charCount(text.codePointAt(end));
			}
		}
		return end;
	}

	private static int kind(int codePoint) {
		if (Character.isLetterOrDigit(codePoint)) {
			return 1;
		}
		return codePoint == ' ' || codePoint == '\t' ? 2 : 0;
	}

	int size() {
		return this.ids.length;
	}

	/** The numbers of the elements, one per element; equal numbers, equal elements. */
	int[] ids() {
		return this.ids;
	}

	/**
	 * Where element {@code i} starts in the text ({@code i == size()}: the text's
	 * length).
	 */
	int start(int i) {
		return this.starts[i];
	}

	/** The text of element {@code i}. */
	String element(int i) {
		return this.text.substring(this.starts[i], this.starts[i + 1]);
	}

	/** The text of {@code count} elements from {@code from}. */
	String text(int from, int count) {
		return this.text.substring(this.starts[from], this.starts[from + count]);
	}

	/** How many code points {@code count} elements from {@code from} hold. */
	long codePoints(int from, int count) {
		return this.text.codePointCount(this.starts[from], this.starts[from + count]);
	}

}
