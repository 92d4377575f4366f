package dev.promptledger.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How blobs are encoded. A snapshot is compressed with the store's {@link Dictionary}
 * (zstd) once there is one, and with raw DEFLATE (the JDK's, at its default level) before
 * that; the blob's row names the dictionary. A delta is word-level ({@link TokenDelta},
 * of bounded cost), stored as it is, deflated, or compressed with the dictionary,
 * whichever is smallest, behind a byte that says which. Sub-line deltas matter: many
 * prompts are one long line, where a line diff would store every small edit as a whole
 * new line.
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

	/**
	 * A snapshot of {@code bytes}: compressed with the dictionary when there is one
	 * ({@code hard}: at a compaction's level), deflated otherwise.
	 */
	static byte[] snapshot(byte[] bytes, Dictionary dictionary, boolean hard) {
		if (dictionary == null) {
			return compress(bytes);
		}
		return hard ? dictionary.compressHard(bytes) : dictionary.compress(bytes);
	}

	/**
	 * The {@code length} bytes of a snapshot stored with this dictionary (null:
	 * deflated).
	 */
	static byte[] decompress(byte[] data, int length, Dictionary dictionary) {
		return dictionary == null ? decompress(data, length) : dictionary.decompress(data, length);
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
	 * Marks a delta compressed with the blob's dictionary: the delta's length (a varint)
	 * comes first.
	 */
	private static final byte ZSTD = 'Z';

	/**
	 * A delta as stored, and whether it needs the dictionary it was encoded with.
	 */
	record Delta(byte[] data, boolean needsDictionary) {
	}

	/**
	 * The delta that turns {@code base} into {@code target}, in the smallest of its
	 * encodings.
	 */
	static Delta delta(byte[] base, byte[] target, Dictionary dictionary) {
		return encodeDelta(
				TokenDelta.encode(new String(base, StandardCharsets.UTF_8), new String(target, StandardCharsets.UTF_8)),
				dictionary, false);
	}

	/**
	 * A delta's operations ({@link TokenDelta}) stored as they are, deflated or
	 * compressed with the dictionary ({@code hard}: at a compaction's level), whichever
	 * is smallest.
	 */
	static Delta encodeDelta(byte[] raw, Dictionary dictionary, boolean hard) {
		byte marker = RAW;
		byte[] stored = raw;
		byte[] deflated = compress(raw);
		if (deflated.length < stored.length) {
			marker = DEFLATED;
			stored = deflated;
		}
		if (dictionary != null) {
			ByteArrayOutputStream framed = new ByteArrayOutputStream(stored.length);
			TokenDelta.varint(framed, raw.length);
			framed.writeBytes(hard ? dictionary.compressHard(raw) : dictionary.compress(raw));
			if (framed.size() < stored.length) {
				marker = ZSTD;
				stored = framed.toByteArray();
			}
		}
		byte[] out = new byte[stored.length + 1];
		out[0] = marker;
		System.arraycopy(stored, 0, out, 1, stored.length);
		return new Delta(out, marker == ZSTD);
	}

	/**
	 * A stored delta's operations, decoded from whichever encoding it has.
	 * @param dictionary the dictionary the blob's row names, or null
	 */
	static byte[] operations(byte[] delta, Dictionary dictionary) {
		if (delta.length == 0) {
			throw new CorruptContentException("a delta is empty");
		}
		byte[] body = java.util.Arrays.copyOfRange(delta, 1, delta.length);
		return switch (delta[0]) {
			case RAW -> body;
			case DEFLATED -> inflateAll(body);
			case ZSTD -> {
				if (dictionary == null) {
					throw new CorruptContentException("a delta compressed with a dictionary names none");
				}
				int[] at = { 0 };
				int length = TokenDelta.varint(body, at);
				if (length < 0 || length > MAX_DELTA_BYTES) {
					throw new CorruptContentException("a delta claims " + length + " bytes");
				}
				yield dictionary.decompress(java.util.Arrays.copyOfRange(body, at[0], body.length), length);
			}
			default -> throw new CorruptContentException("a delta has an unknown encoding");
		};
	}

	/**
	 * No delta's operations are longer: it never outgrows the content it rebuilds (its
	 * snapshot would be stored instead), and contents are at most a few MiB.
	 */
	private static final int MAX_DELTA_BYTES = 64 << 20;

	/** Applies a stored delta to {@code base}. */
	static String apply(String base, byte[] delta, Dictionary dictionary) {
		return TokenDelta.apply(base, operations(delta, dictionary));
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
