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

	/** The uncompressed delta that turns {@code base} into {@code target}. */
	static byte[] encode(String base, String target) {
		List<String> from = tokens(base);
		List<String> to = tokens(target);
		int[] fromOffsets = offsets(from);
		int[] toOffsets = offsets(to);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int f = 0;
		for (Diffs.Delta delta : Diffs.deltas(from, to, MAX_COMPARISONS)) {
			copy(out, fromOffsets[f], fromOffsets[delta.fromPos()] - fromOffsets[f]);
			insert(out, target.substring(toOffsets[delta.toPos()], toOffsets[delta.toPos() + delta.toCount()]));
			f = delta.fromPos() + delta.fromCount();
		}
		copy(out, fromOffsets[f], base.length() - fromOffsets[f]);
		return out.toByteArray();
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

	private static void copy(ByteArrayOutputStream out, int offset, int length) {
		if (length > 0) {
			out.write(COPY);
			varint(out, offset);
			varint(out, length);
		}
	}

	private static void insert(ByteArrayOutputStream out, String text) {
		if (!text.isEmpty()) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			out.write(INSERT);
			varint(out, bytes.length);
			out.writeBytes(bytes);
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
