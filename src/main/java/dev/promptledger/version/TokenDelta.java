package dev.promptledger.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A delta between two texts at word granularity: java-diff-utils finds the changes between their token
 * lists (runs of letters or digits, runs of spaces, single other characters), and the delta is the
 * list of COPY (a range of the base) and INSERT (new text) operations that rebuild the target. Word
 * granularity keeps an edit of a one-line prompt small, and applying a delta is a few array copies.
 */
final class TokenDelta {

	private static final int COPY = 0;

	private static final int INSERT = 1;

	/**
	 * Past this many token comparisons the texts differ too much for a delta to be worth it (it would
	 * not be smaller than the text), so the differing middle is replaced whole without running Myers'
	 * algorithm, whose cost grows with the square of a rewrite.
	 */
	static final long MAX_COMPARISONS = 250_000;

	private TokenDelta() {
	}

	/**
	 * The uncompressed delta that turns {@code base} into {@code target}. Only the region where the texts
	 * differ is tokenized and compared; what they share before and after it is one copy each.
	 */
	static byte[] encode(String base, String target) {
		int start = commonPrefix(base, target);
		int suffix = commonSuffix(base, target, Math.min(base.length(), target.length()) - start);
		int baseEnd = base.length() - suffix;
		String changed = target.substring(start, target.length() - suffix);
		List<String> from = tokens(base.substring(start, baseEnd));
		List<String> to = tokens(changed);
		int[] fromOffsets = offsets(from);
		int[] toOffsets = offsets(to);
		Writer out = new Writer();
		out.copy(0, start);
		int f = 0;
		for (Diffs.Delta delta : Diffs.deltas(from, to, MAX_COMPARISONS)) {
			out.copy(start + fromOffsets[f], fromOffsets[delta.fromPos()] - fromOffsets[f]);
			out.insert(changed.substring(toOffsets[delta.toPos()], toOffsets[delta.toPos() + delta.toCount()]));
			f = delta.fromPos() + delta.fromCount();
		}
		out.copy(start + fromOffsets[f], base.length() - start - fromOffsets[f]);
		return out.finish();
	}

	/** The length of the longest common prefix that does not end inside a surrogate pair. */
	private static int commonPrefix(String a, String b) {
		int max = Math.min(a.length(), b.length());
		int n = 0;
		while (n < max && a.charAt(n) == b.charAt(n)) {
			n++;
		}
		return n > 0 && Character.isHighSurrogate(a.charAt(n - 1)) ? n - 1 : n;
	}

	/** The same at the end, at most {@code max} chars long. */
	private static int commonSuffix(String a, String b, int max) {
		int n = 0;
		while (n < max && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
			n++;
		}
		return n > 0 && Character.isLowSurrogate(a.charAt(a.length() - n)) ? n - 1 : n;
	}

	/** Rebuilds the target from {@code base} and a delta made by {@link #encode}. */
	static String apply(String base, byte[] delta) {
		StringBuilder out = new StringBuilder(base.length() + 64);
		int[] at = { 0 };
		while (at[0] < delta.length) {
			int op = delta[at[0]++];
			if (op == COPY) {
				int offset = varint(delta, at);
				int length = varint(delta, at);
				if (offset < 0 || length < 0 || offset + length > base.length()) {
					throw new CorruptContentException("a delta copies outside its base");
				}
				out.append(base, offset, offset + length);
			}
			else if (op == INSERT) {
				int length = varint(delta, at);
				if (length < 0 || at[0] + length > delta.length) {
					throw new CorruptContentException("a delta inserts past its end");
				}
				out.append(new String(delta, at[0], length, StandardCharsets.UTF_8));
				at[0] += length;
			}
			else {
				throw new CorruptContentException("a delta has an unknown operation");
			}
		}
		return out.toString();
	}

	/** Runs of letters or digits, runs of white space, and every other character on its own. */
	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = start + Character.charCount(text.codePointAt(start));
			int kind = kind(text.codePointAt(start));
			if (kind != 0) {
				while (end < text.length() && kind(text.codePointAt(end)) == kind) {
					end += Character.charCount(text.codePointAt(end));
				}
			}
			tokens.add(text.substring(start, end));
			start = end;
		}
		return tokens;
	}

	private static int kind(int codePoint) {
		if (Character.isLetterOrDigit(codePoint)) {
			return 1;
		}
		return codePoint == ' ' || codePoint == '\t' ? 2 : 0;
	}

	private static int[] offsets(List<String> tokens) {
		int[] offsets = new int[tokens.size() + 1];
		for (int i = 0; i < tokens.size(); i++) {
			offsets[i + 1] = offsets[i] + tokens.get(i).length();
		}
		return offsets;
	}

	/** Writes COPY and INSERT operations; adjacent copies become one. */
	private static final class Writer {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private int copyOffset;

		private int copyLength;

		void copy(int offset, int length) {
			if (length <= 0) {
				return;
			}
			if (this.copyLength > 0 && this.copyOffset + this.copyLength == offset) {
				this.copyLength += length;
				return;
			}
			flush();
			this.copyOffset = offset;
			this.copyLength = length;
		}

		void insert(String text) {
			if (!text.isEmpty()) {
				flush();
				byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
				this.out.write(INSERT);
				varint(this.out, bytes.length);
				this.out.writeBytes(bytes);
			}
		}

		byte[] finish() {
			flush();
			return this.out.toByteArray();
		}

		private void flush() {
			if (this.copyLength > 0) {
				this.out.write(COPY);
				varint(this.out, this.copyOffset);
				varint(this.out, this.copyLength);
				this.copyLength = 0;
			}
		}

	}

	private static void varint(ByteArrayOutputStream out, int value) {
		while ((value & ~0x7F) != 0) {
			out.write((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		out.write(value);
	}

	private static int varint(byte[] data, int[] at) {
		int value = 0;
		for (int shift = 0; shift < 32; shift += 7) {
			if (at[0] >= data.length) {
				throw new CorruptContentException("a delta ends inside a number");
			}
			int b = data[at[0]++];
			value |= (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new CorruptContentException("a delta has a malformed number");
	}

}
