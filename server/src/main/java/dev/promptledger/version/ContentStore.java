package dev.promptledger.version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.promptledger.config.DatabaseKind;

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

	/**
	 * The default of {@code promptledger.storage.max-chain}: chosen by measurement
	 * (docs/storage.md).
	 */
	public static final int DEFAULT_MAX_CHAIN = 128;

	/** The default of {@code promptledger.content-cache-bytes}. */
	public static final long DEFAULT_CACHE_BYTES = 16L << 20;

	/** At most this many deltas are applied to rebuild any content. */
	private final int maxChain;

	private final BlobTable blobs;

	private final Cache<String, String> texts;

	ContentStore(JdbcClient jdbc, DataSource dataSource, DatabaseKind kind,
			@Value("${promptledger.storage.max-chain:" + DEFAULT_MAX_CHAIN + "}") int maxChain,
			@Value("${promptledger.content-cache-bytes:" + DEFAULT_CACHE_BYTES + "}") long cacheBytes) {
		this.maxChain = maxChain;
		this.blobs = new BlobTable(jdbc, dataSource, kind);
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

	/** Stores a content (once) as a full snapshot and returns its hash. */
	public byte[] store(String content) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		byte[] hash = sha256(bytes);
		// a revert to an old content makes it current again, and current contents are
		// snapshots
		this.blobs.storeSnapshot(hash, bytes.length, BlobCodec.compress(bytes), this.maxChain);
		this.texts.put(hex(hash), content);
		return hash;
	}

	/**
	 * After a prompt moved from content {@code previous} to {@code current}, stores
	 * {@code previous} as a delta against {@code current} when that is allowed and
	 * smaller. Both must be stored already, and the caller passes both texts, which it
	 * has at hand, so nothing is read back to build the delta.
	 */
	public void demote(byte[] previous, String previousContent, byte[] current, String currentContent) {
		if (MessageDigest.isEqual(previous, current)) {
			return;
		}
		byte[] delta = BlobCodec.delta(currentContent.getBytes(StandardCharsets.UTF_8),
				previousContent.getBytes(StandardCharsets.UTF_8));
		this.blobs.demote(previous, current, delta, this.maxChain);
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
		String text = new String(BlobCodec.decompress(blob.data(), blob.length()), StandardCharsets.UTF_8);
		while (!deltas.isEmpty()) {
			text = BlobCodec.apply(text, deltas.pop().data());
		}
		if (!MessageDigest.isEqual(sha256(text.getBytes(StandardCharsets.UTF_8)), hash)) {
			throw new CorruptContentException("the content rebuilt for " + hex(hash) + " has another hash");
		}
		return text;
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
