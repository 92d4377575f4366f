package dev.promptledger.version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The content store's dictionaries: the newest, which new blobs are compressed with; any
 * other a stored blob names, loaded when first read (a dictionary never changes); and
 * when to train the first one. A node trains it, on a thread of its own, once the store
 * holds {@code promptledger.storage.dictionary-after} snapshots, from a sample of them;
 * of two nodes training at once the first to insert wins, and the other adopts its
 * dictionary. Nodes learn of a newer dictionary when they read a blob that names it, or
 * every few hundred snapshots they store.
 */
final class Dictionaries {

	private static final Logger log = LoggerFactory.getLogger(Dictionaries.class);

	/** Snapshots a node stores between two looks for a newer dictionary. */
	private static final int LOOK_EVERY = 256;

	/** At most this many contents are sampled to train a dictionary. */
	private static final int SAMPLES = 4000;

	/**
	 * Bytes of one sample at most, and of all samples: what training holds in memory.
	 */
	private static final int SAMPLE_BYTES = 64 * 1024;

	private static final int ALL_SAMPLE_BYTES = 8 << 20;

	/** Snapshots read at once while sampling, and at most their bytes of data. */
	private static final int PAGE = 100;

	private static final long PAGE_BYTES = 4 << 20;

	private final JdbcClient jdbc;

	private final BlobTable blobs;

	/** Whether this node trains the first dictionary by itself. */
	private final boolean trainByItself;

	private final int trainAfter;

	private final Map<Integer, Dictionary> known = new ConcurrentHashMap<>();

	private volatile Dictionary newest;

	private volatile boolean looked;

	private final AtomicLong stored = new AtomicLong();

	/** The store's size at the last training that zstd refused (too few, too alike). */
	private volatile long refusedAt;

	/** One daemon thread, at most one task waiting: looks are not worth queueing. */
	private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1), task -> {
				Thread thread = new Thread(task, "promptledger-dictionary");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	/** What a node does after it trained the store's first dictionary by itself. */
	private final Runnable afterFirst;

	Dictionaries(JdbcClient jdbc, BlobTable blobs, boolean trainByItself, int trainAfter, Runnable afterFirst) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.afterFirst = afterFirst;
		this.trainByItself = trainByItself;
		this.trainAfter = Math.max(1, trainAfter);
		this.background.allowCoreThreadTimeOut(true);
	}

	/** The dictionary new blobs are compressed with, or null while there is none. */
	Dictionary newest() {
		if (!this.looked) {
			lookForNewest();
		}
		return this.newest;
	}

	/** The dictionary a blob names (null: none). */
	Dictionary named(Integer id) {
		if (id == null) {
			return null;
		}
		Dictionary dictionary = this.known.computeIfAbsent(id, this::load);
		Dictionary current = this.newest;
		if (current == null || current.id() < id) {
			lookForNewest();
		}
		return dictionary;
	}

	/**
	 * Counts a snapshot this node stored; now and then looks for a newer dictionary, and
	 * trains the first when it is due, on the background thread.
	 */
	void snapshotStored() {
		if (this.stored.incrementAndGet() % LOOK_EVERY == 0) {
			try {
				this.background.execute(this::lookOrTrain);
			}
			catch (RejectedExecutionException ex) {
				// shutting down
			}
		}
	}

	private void lookOrTrain() {
		try {
			lookForNewest();
			if (this.newest != null || !this.trainByItself) {
				return;
			}
			long snapshots = this.blobs.count(this.trainAfter, true);
			if (snapshots >= this.trainAfter && snapshots > 2 * this.refusedAt && train(false) != null) {
				this.afterFirst.run();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Looking for or training a content dictionary failed; the store keeps compressing without one: {}",
					ex.toString());
		}
	}

	/**
	 * Trains a dictionary on a sample of the stored snapshots and makes it the newest:
	 * the first dictionary unless {@code another} (a compaction asked for a new one).
	 * @return the newest dictionary afterwards, or null when zstd could not train one
	 */
	synchronized Dictionary train(boolean another) {
		lookForNewest();
		if (this.newest != null && !another) {
			return this.newest;
		}
		List<byte[]> samples = samples();
		byte[] trained = Dictionary.train(samples);
		if (trained == null) {
			this.refusedAt = this.blobs.count(Integer.MAX_VALUE, true);
			log.info("zstd could not train a content dictionary on {} samples; contents stay deflated for now",
					samples.size());
			return this.newest;
		}
		int id = this.newest == null ? 1 : this.newest.id() + 1;
		int inserted = this.jdbc.sql("""
				INSERT INTO content_dictionary (id, data, samples, created_at) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(id, trained, samples.size(), java.sql.Timestamp.from(Instant.now()))
			.update();
		lookForNewest();
		if (inserted == 1) {
			log.info("Trained content dictionary {} ({} bytes) on {} stored contents", id, trained.length,
					samples.size());
		}
		return this.newest;
	}

	/**
	 * Up to {@link #SAMPLES} stored snapshots, in the order of their hashes (an even
	 * spread over the store), each cut to {@link #SAMPLE_BYTES},
	 * {@link #ALL_SAMPLE_BYTES} in all; read a page at a time, so memory stays bounded
	 * whatever the contents' size.
	 */
	private List<byte[]> samples() {
		List<byte[]> samples = new ArrayList<>();
		long total = 0;
		byte[] last = null;
		while (samples.size() < SAMPLES && total < ALL_SAMPLE_BYTES) {
			List<BlobTable.Blob> page = this.blobs.page(last, true, PAGE, PAGE_BYTES);
			if (page.isEmpty()) {
				break;
			}
			for (BlobTable.Blob blob : page) {
				byte[] content = BlobCodec.decompress(blob.data(), blob.length(), named(blob.dictionary()));
				byte[] sample = content.length > SAMPLE_BYTES ? java.util.Arrays.copyOf(content, SAMPLE_BYTES)
						: content;
				if (sample.length > 0 && samples.size() < SAMPLES && total < ALL_SAMPLE_BYTES) {
					samples.add(sample);
					total += sample.length;
				}
				last = blob.hash();
			}
		}
		return samples;
	}

	private void lookForNewest() {
		Integer id = this.jdbc.sql("SELECT id FROM content_dictionary ORDER BY id DESC LIMIT 1")
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (id != null) {
			Dictionary dictionary = this.known.computeIfAbsent(id, this::load);
			Dictionary current = this.newest;
			if (current == null || current.id() < id) {
				this.newest = dictionary;
			}
		}
		this.looked = true;
	}

	private Dictionary load(int id) {
		byte[] data = this.jdbc.sql("SELECT data FROM content_dictionary WHERE id = ?")
			.param(id)
			.query(byte[].class)
			.optional()
			.orElseThrow(() -> new CorruptContentException(
					"a blob names content dictionary " + id + ", which is not stored"));
		return new Dictionary(id, data);
	}

}
