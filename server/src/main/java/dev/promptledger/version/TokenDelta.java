package dev.promptledger.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A delta between two texts at word granularity: {@link BoundedDiff} finds the changes
 * between their token lists (runs of letters or digits, runs of spaces, single other
 * characters), and the delta is the list of COPY (a range of the base) and INSERT (new
 * text) operations that rebuild the target. Word granularity keeps an edit of a one-line
 * prompt small, and applying a delta is a few array copies.
 */
final class TokenDelta {

	private static final int COPY = 0;

	private static final int INSERT = 1;

	/**
	 * The work one delta may do beyond a linear pass: a delta that would need more is
	 * coarser (a replaced block), never wrong. Contents that differ that much rarely make
	 * a delta smaller than the text.
	 */
	static final long BUDGET = 5_000_000L;

	private TokenDelta() {
	}

	/**
	 * The uncompressed delta that turns {@code base} into {@code target}. Only the region
	 * where the texts differ is tokenized and compared; what they share before and after
	 * it is one copy each.
	 */
	static byte[] encode(String base, String target) {
		try (DiffGate.Permit permit = DiffGate.enter((long) base.length() + target.length())) {
			return encodeBounded(base, target);
		}
	}

	private static byte[] encodeBounded(String base, String target) {
		int start = commonPrefix(base, target);
		int suffix = commonSuffix(base, target, Math.min(base.length(), target.length()) - start);
		int baseEnd = base.length() - suffix;
		Sequence[] sides = Sequence.pair(base.substring(start, baseEnd),
				target.substring(start, target.length() - suffix), Sequence.Cut.TOKENS);
		Sequence from = sides[0];
		Sequence to = sides[1];
		Writer out = new Writer();
		out.copy(0, start);
		int f = 0;
		for (BoundedDiff.Delta delta : BoundedDiff.deltas(from.ids(), to.ids(), BUDGET)) {
			out.copy(start + from.start(f), from.start(delta.fromPos()) - from.start(f));
			out.insert(to.text(delta.toPos(), delta.toCount()));
			f = delta.fromPos() + delta.fromCount();
		}
		out.copy(start + from.start(f), base.length() - start - from.start(f));
		return out.finish();
	}

	/**
	 * The length of the longest common prefix that does not end inside a surrogate pair.
	 */
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

	static void varint(ByteArrayOutputStream out, int value) {
		while ((value & ~0x7F) != 0) {
			out.write((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		out.write(value);
	}

	static int varint(byte[] data, int[] at) {
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
