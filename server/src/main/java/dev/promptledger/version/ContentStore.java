package dev.promptledger.version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.db.Batch;

/**
 * Content-addressed, delta-compressed storage of contents (see docs/storage.md). Each
 * distinct content is stored once. The current content of a prompt is a full snapshot, so
 * reading it rebuilds nothing; when a prompt moves on, its previous content is re-encoded
 * as a delta against the new one, unless that would put more than
 * {@code promptledger.storage.max-chain} deltas between some blob and its snapshot, or
 * the delta would not be smaller. Every rebuilt content is checked against its SHA-256.
 * <p>
 * A content never changes for its hash, so contents read or stored are kept in memory by
 * hash ({@code promptledger.content-cache-bytes}) without any invalidation: a write finds
 * the content it replaces there instead of rebuilding it.
 */
@Repository
public class ContentStore implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(ContentStore.class);

	/**
	 * The default of {@code promptledger.storage.max-chain}: chosen by measurement
	 * (docs/storage.md).
	 */
	public static final int DEFAULT_MAX_CHAIN = 128;

	/** The default of {@code promptledger.content-cache-bytes}. */
	public static final long DEFAULT_CACHE_BYTES = 16L << 20;

	/** At most this many deltas are applied to rebuild any content. */
	private final int maxChain;

	/** The default of {@code promptledger.storage.dictionary-after}. */
	public static final int DEFAULT_DICTIONARY_AFTER = 1000;

	private final BlobTable blobs;

	private final Dictionaries dictionaries;

	private final Cache<String, String> texts;

	/**
	 * @param dictionary {@code auto} (a node trains the store's first dictionary once it
	 * holds {@code dictionaryAfter} snapshots) or {@code off} (only a compaction does)
	 */
	ContentStore(JdbcClient jdbc, DataSource dataSource, DatabaseKind kind,
			@Value("${promptledger.storage.max-chain:" + DEFAULT_MAX_CHAIN + "}") int maxChain,
			@Value("${promptledger.content-cache-bytes:" + DEFAULT_CACHE_BYTES + "}") long cacheBytes,
			@Value("${promptledger.storage.dictionary:auto}") String dictionary,
			@Value("${promptledger.storage.dictionary-after:" + DEFAULT_DICTIONARY_AFTER + "}") int dictionaryAfter) {
		if (!dictionary.equals("auto") && !dictionary.equals("off")) {
			throw new IllegalArgumentException(
					"promptledger.storage.dictionary must be auto or off, not '" + dictionary + "'");
		}
		this.maxChain = maxChain;
		this.blobs = new BlobTable(jdbc, dataSource, kind);
		this.dictionaries = new Dictionaries(jdbc, this.blobs, dictionary.equals("auto"), dictionaryAfter,
				this::compactIfSmall);
		this.texts = Caffeine.newBuilder()
			.executor(Runnable::run) // evict at once: with 0 bytes nothing is kept, and
										// reads always rebuild
			.maximumWeight(Math.max(0, cacheBytes))
			.weigher((String hash, String text) -> 64 + 2 * text.length())
			.recordStats()
			.build();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.texts, "contents");
	}

	/**
	 * Stores a content (once) as a full snapshot, when {@code batch} runs, and returns
	 * its hash.
	 */
	public byte[] store(Batch batch, String content) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		byte[] hash = sha256(bytes);
		Dictionary dictionary = this.dictionaries.newest();
		// a revert to an old content makes it current again, and current contents are
		// snapshots
		this.blobs.storeSnapshot(batch, hash, bytes.length, BlobCodec.snapshot(bytes, dictionary, false),
				idOf(dictionary), this.maxChain, this.dictionaries::snapshotStored);
		this.texts.put(hex(hash), content);
		return hash;
	}

	/**
	 * After a prompt moved from content {@code previous} to {@code current}, stores
	 * {@code previous} as a delta against {@code current} when that is allowed and
	 * smaller, when {@code batch} runs. Both must be stored by then (earlier in the batch
	 * will do), and the caller passes both texts, which it has at hand, so nothing is
	 * read back to build the delta.
	 */
	public void demote(Batch batch, byte[] previous, String previousContent, byte[] current, String currentContent) {
		if (MessageDigest.isEqual(previous, current)) {
			return;
		}
		Dictionary dictionary = this.dictionaries.newest();
		BlobCodec.Delta delta = BlobCodec.delta(currentContent.getBytes(StandardCharsets.UTF_8),
				previousContent.getBytes(StandardCharsets.UTF_8), dictionary);
		this.blobs.demote(batch, previous, current, delta.data(), delta.needsDictionary() ? idOf(dictionary) : null,
				this.maxChain);
	}

	/**
	 * The content with this hash, from memory or rebuilt and checked.
	 * @throws CorruptContentException when what is stored does not rebuild into content
	 * with this hash
	 */
	public String read(byte[] hash) {
		String key = hex(hash);
		String known = this.texts.getIfPresent(key);
		if (known != null) {
			return known;
		}
		String text = rebuild(hash);
		this.texts.put(key, text);
		return text;
	}

	private String rebuild(byte[] hash) {
		List<BlobTable.Blob> chain = this.blobs.chain(hash, this.maxChain + 2);
		if (chain.isEmpty() || !MessageDigest.isEqual(chain.get(0).hash(), hash)) {
			throw new CorruptContentException("no stored content " + hex(hash));
		}
		Deque<BlobTable.Blob> deltas = new ArrayDeque<>();
		BlobTable.Blob blob = chain.get(0);
		for (int i = 1; blob.base() != null; i++) {
			deltas.push(blob);
			if (i >= chain.size() || !MessageDigest.isEqual(chain.get(i).hash(), blob.base())) {
				throw new CorruptContentException("the delta chain of " + hex(hash) + " is broken");
			}
			blob = chain.get(i);
		}
		String text = new String(
				BlobCodec.decompress(blob.data(), blob.length(), this.dictionaries.named(blob.dictionary())),
				StandardCharsets.UTF_8);
		while (!deltas.isEmpty()) {
			BlobTable.Blob delta = deltas.pop();
			text = BlobCodec.apply(text, delta.data(), this.dictionaries.named(delta.dictionary()));
		}
		if (!MessageDigest.isEqual(sha256(text.getBytes(StandardCharsets.UTF_8)), hash)) {
			throw new CorruptContentException("the content rebuilt for " + hex(hash) + " has another hash");
		}
		return text;
	}

	private static Integer idOf(Dictionary dictionary) {
		return dictionary == null ? null : dictionary.id();
	}

	/**
	 * Blobs a node compacts by itself after it trained the first dictionary: the store of
	 * a new installation that reached {@code dictionary-after} contents (seconds of
	 * work). A larger store (one of a previous release, upgraded) waits for the
	 * operator's {@code compact}, which may take a core for a long while.
	 */
	static final int COMPACT_BY_ITSELF = 20_000;

	private void compactIfSmall() {
		long blobs = this.blobs.count(COMPACT_BY_ITSELF + 1, false);
		if (blobs > COMPACT_BY_ITSELF) {
			log.info(
					"The content store has a dictionary now; run the compact command to re-encode the {}+ contents stored before it",
					COMPACT_BY_ITSELF);
			return;
		}
		Compaction done = compact(false, page -> {
		});
		log.info("Compacted the {} contents stored before the dictionary: {} encoded anew, {} -> {} bytes",
				done.blobs(), done.recoded(), done.bytesBefore(), done.bytesAfter());
	}

	/**
	 * Blobs a compaction reads at once, and at most their bytes of data (contents of up
	 * to a MiB each would otherwise make a page of 500 MiB).
	 */
	private static final int COMPACT_PAGE = 500;

	private static final long COMPACT_PAGE_BYTES = 8 << 20;

	/**
	 * What a compaction did: {@code damaged} blobs did not decode to what their hash says
	 * (logged, left as they were).
	 */
	public record Compaction(Integer dictionary, long blobs, long recoded, long damaged, long bytesBefore,
			long bytesAfter) {
	}

	/**
	 * Encodes every stored blob anew with the newest dictionary, at a compaction's level,
	 * where that makes it smaller: first trains a dictionary when there is none (or
	 * {@code retrain} asks for a new one). Each blob is checked before it is replaced (a
	 * snapshot against its hash; a delta by decoding its new form), and replaced only if
	 * no write changed it meanwhile, so it runs beside the nodes. Work is bounded by one
	 * page of blobs at a time; {@code progress} hears after each page.
	 */
	public Compaction compact(boolean retrain, java.util.function.Consumer<Compaction> progress) {
		Dictionary dictionary = this.dictionaries.train(retrain);
		if (dictionary == null) {
			return new Compaction(null, 0, 0, 0, 0, 0);
		}
		long blobs = 0;
		long recoded = 0;
		long damaged = 0;
		long before = 0;
		long after = 0;
		byte[] last = null;
		for (List<BlobTable.Blob> page = this.blobs.page(null, false, COMPACT_PAGE, COMPACT_PAGE_BYTES); !page
			.isEmpty(); page = this.blobs.page(last, false, COMPACT_PAGE, COMPACT_PAGE_BYTES)) {
			for (BlobTable.Blob blob : page) {
				blobs++;
				before += blob.data().length;
				byte[] data = null;
				try {
					data = recode(blob, dictionary);
				}
				catch (CorruptContentException ex) {
					damaged++;
					log.error("Content blob {} is damaged ({}); the compaction leaves it as it is", hex(blob.hash()),
							ex.getMessage());
				}
				if (data != null && data.length < blob.data().length
						&& this.blobs.recode(blob, data, dictionary.id())) {
					recoded++;
					after += data.length;
				}
				else {
					after += blob.data().length;
				}
				last = blob.hash();
			}
			progress.accept(new Compaction(dictionary.id(), blobs, recoded, damaged, before, after));
		}
		return new Compaction(dictionary.id(), blobs, recoded, damaged, before, after);
	}

	/**
	 * A blob's data encoded with {@code dictionary}, checked to decode to what it held,
	 * or null when it needs no dictionary after all (a delta smaller as it is).
	 */
	private byte[] recode(BlobTable.Blob blob, Dictionary dictionary) {
		Dictionary had = this.dictionaries.named(blob.dictionary());
		if (blob.base() == null) {
			byte[] content = BlobCodec.decompress(blob.data(), blob.length(), had);
			if (!MessageDigest.isEqual(sha256(content), blob.hash())) {
				throw new CorruptContentException("the snapshot of " + hex(blob.hash()) + " has another hash");
			}
			byte[] data = BlobCodec.snapshot(content, dictionary, true);
			return Arrays.equals(dictionary.decompress(data, content.length), content) ? data : null;
		}
		byte[] operations = BlobCodec.operations(blob.data(), had);
		BlobCodec.Delta delta = BlobCodec.encodeDelta(operations, dictionary, true);
		if (!delta.needsDictionary() || !Arrays.equals(BlobCodec.operations(delta.data(), dictionary), operations)) {
			return null;
		}
		return delta.data();
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hex(byte[] hash) {
		return HexFormat.of().formatHex(hash);
	}

}
