package dev.promptledger.version;

import java.util.List;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;

/**
 * A zstd dictionary trained on stored contents (row {@code content_dictionary.id}): a
 * blob that names it was compressed with it. Frames carry no magic number, checksum,
 * dictionary id or size: the blob's row holds the dictionary and the length, and every
 * rebuilt content is checked against its SHA-256, so those bytes would only repeat what
 * is known (4 to 13 bytes a blob, on blobs of a few hundred).
 */
final class Dictionary {

	/**
	 * Bytes of a dictionary at most. On the shared histories a 16 KiB dictionary took
	 * most of the gain; 64 KiB saved another 3 % of git's size, its own bytes counted
	 * (docs/storage.md). A store holds one or a few, and a node about 0.5 MiB of native
	 * memory for each it writes with.
	 */
	static final int SIZE = 64 * 1024;

	/** Bytes of a dictionary at least. */
	static final int MIN_SIZE = 16 * 1024;

	/**
	 * Bytes of samples for each byte of dictionary: fewer, and a larger dictionary costs
	 * more than it saves on a store that size (zstd's own guidance is about 100).
	 */
	private static final int SAMPLES_PER_BYTE = 64;

	/**
	 * The level of a write: about 80 µs for a 2 KB prompt and 30 ms for a MiB of text
	 * built to be hard, 3 % larger than the best level, which costs four times as much.
	 */
	static final int WRITE_LEVEL = 9;

	/** The level of a compaction, which runs beside the service, not in a request. */
	static final int COMPACT_LEVEL = 19;

	/** Above this size a content gets the write level even in a compaction. */
	private static final int COMPACT_LEVEL_LIMIT = 64 * 1024;

	private final int id;

	private final byte[] bytes;

	private final ZstdDictDecompress decompression;

	private volatile ZstdDictCompress writing;

	private volatile ZstdDictCompress compacting;

	Dictionary(int id, byte[] bytes) {
		this.id = id;
		this.bytes = bytes.clone();
		this.decompression = new ZstdDictDecompress(this.bytes);
	}

	/**
	 * A dictionary trained on these samples, of a 64th of their size between
	 * {@link #MIN_SIZE} and {@link #SIZE} bytes, or null when they are too few or too
	 * alike for zstd to train one.
	 */
	static byte[] train(List<byte[]> samples) {
		long total = samples.stream().mapToLong(sample -> sample.length).sum();
		int size = (int) Math.max(MIN_SIZE, Math.min(SIZE, total / SAMPLES_PER_BYTE));
		ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, total), size);
		for (byte[] sample : samples) {
			trainer.addSample(sample);
		}
		try {
			byte[] trained = trainer.trainSamples();
			return trained.length == 0 ? null : trained;
		}
		catch (ZstdException ex) {
			return null;
		}
	}

	int id() {
		return this.id;
	}

	int size() {
		return this.bytes.length;
	}

	/** {@code data} compressed at the level of a write. */
	byte[] compress(byte[] data) {
		return compress(data, writing(), WRITE_LEVEL);
	}

	/**
	 * {@code data} compressed at the level of a compaction (or a write's, when large).
	 */
	byte[] compressHard(byte[] data) {
		if (data.length > COMPACT_LEVEL_LIMIT) {
			return compress(data);
		}
		ZstdDictCompress hard = this.compacting;
		if (hard == null) {
			hard = new ZstdDictCompress(this.bytes, COMPACT_LEVEL);
			this.compacting = hard;
		}
		return compress(data, hard, COMPACT_LEVEL);
	}

	private ZstdDictCompress writing() {
		ZstdDictCompress dictionary = this.writing;
		if (dictionary == null) {
			dictionary = new ZstdDictCompress(this.bytes, WRITE_LEVEL);
			this.writing = dictionary;
		}
		return dictionary;
	}

	private static byte[] compress(byte[] data, ZstdDictCompress dictionary, int level) {
		try (ZstdCompressCtx context = new ZstdCompressCtx()) {
			context.setLevel(level);
			context.loadDict(dictionary);
			context.setMagicless(true).setChecksum(false).setDictID(false).setContentSize(false);
			return context.compress(data);
		}
	}

	/**
	 * Data compressed with this dictionary, decompressed to the {@code length} bytes it
	 * must have.
	 * @throws CorruptContentException when it is not such data
	 */
	byte[] decompress(byte[] data, int length) {
		try (ZstdDecompressCtx context = new ZstdDecompressCtx()) {
			context.loadDict(this.decompression);
			context.setMagicless(true);
			byte[] out = new byte[length];
			int read = context.decompress(out, data);
			if (read != length) {
				throw new CorruptContentException("a blob decompressed to " + read + " bytes, not " + length);
			}
			return out;
		}
		catch (ZstdException | IllegalStateException ex) {
			throw new CorruptContentException("a blob is not valid zstd data for dictionary " + this.id);
		}
	}

}
