package dev.promptledger.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;


/**
 * How blobs are encoded: raw DEFLATE (the JDK's, at its best level) for snapshots, and word-level
 * deltas ({@link TokenDelta}, computed by java-diff-utils) deflated as well. Sub-line deltas matter:
 * many prompts are one long line, where a line diff would store every small edit as a whole new line.
 */
final class BlobCodec {

	private BlobCodec() {
	}

	static byte[] compress(byte[] bytes) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
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

	/** The compressed delta that turns {@code base} into {@code target}. */
	static byte[] delta(byte[] base, byte[] target) {
		return compress(TokenDelta.encode(new String(base, StandardCharsets.UTF_8),
				new String(target, StandardCharsets.UTF_8)));
	}

	/** Applies a compressed delta to {@code base}. */
	static String apply(String base, byte[] delta) {
		return TokenDelta.apply(base, inflateAll(delta));
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
