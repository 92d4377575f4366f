package dev.promptledger.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How blobs are encoded: raw DEFLATE (the JDK's, at its default level) for snapshots, and
 * word-level deltas ({@link TokenDelta}, of bounded cost) deflated as well. Sub-line
 * deltas matter: many prompts are one long line, where a line diff would store every
 * small edit as a whole new line.
 */
final class BlobCodec {

	/**
	 * DEFLATE's default level: within 0.3 % of its best on real prompts, and ten times
	 * faster than the best on repetitive text built to slow it (2 s for a MiB at level 9,
	 * 0.2 s here; docs/api.md, "Limits").
	 */
	private static final int LEVEL = 6;

	private BlobCodec() {
	}

	static byte[] compress(byte[] bytes) {
		Deflater deflater = new Deflater(LEVEL, true);
		try {
			deflater.setInput(bytes);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 2));
			byte[] buffer = new byte[8192];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	static byte[] decompress(byte[] data, int length) {
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(data);
			byte[] out = new byte[length];
			int read = 0;
			while (read < length) {
				int n = inflater.inflate(out, read, length - read);
				if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
					break;
				}
				read += n;
			}
			if (read != length) {
				throw new CorruptContentException("a blob inflated to " + read + " bytes, not " + length);
			}
			return out;
		}
		catch (DataFormatException ex) {
			throw new CorruptContentException("a blob is not valid DEFLATE data");
		}
		finally {
			inflater.end();
		}
	}

	/**
	 * Marks a delta stored as it is; deltas of one small edit are too short for DEFLATE
	 * to pay.
	 */
	private static final byte RAW = 'R';

	/** Marks a deflated delta. */
	private static final byte DEFLATED = 'D';

	/**
	 * The delta that turns {@code base} into {@code target}, deflated when that makes it
	 * smaller.
	 */
	static byte[] delta(byte[] base, byte[] target) {
		byte[] raw = TokenDelta.encode(new String(base, StandardCharsets.UTF_8),
				new String(target, StandardCharsets.UTF_8));
		byte[] deflated = compress(raw);
		byte[] stored = deflated.length < raw.length ? deflated : raw;
		byte[] out = new byte[stored.length + 1];
		out[0] = stored == raw ? RAW : DEFLATED;
		System.arraycopy(stored, 0, out, 1, stored.length);
		return out;
	}

	/** Applies a stored delta to {@code base}. */
	static String apply(String base, byte[] delta) {
		if (delta.length == 0) {
			throw new CorruptContentException("a delta is empty");
		}
		byte[] body = java.util.Arrays.copyOfRange(delta, 1, delta.length);
		return switch (delta[0]) {
			case RAW -> TokenDelta.apply(base, body);
			case DEFLATED -> TokenDelta.apply(base, inflateAll(body));
			default -> throw new CorruptContentException("a delta has an unknown encoding");
		};
	}

	private static byte[] inflateAll(byte[] data) {
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(data);
			ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 3);
			byte[] buffer = new byte[8192];
			while (!inflater.finished()) {
				int n = inflater.inflate(buffer);
				if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw new CorruptContentException("a delta is truncated");
				}
				out.write(buffer, 0, n);
			}
			return out.toByteArray();
		}
		catch (DataFormatException ex) {
			throw new CorruptContentException("a delta is not valid DEFLATE data");
		}
		finally {
			inflater.end();
		}
	}

}
