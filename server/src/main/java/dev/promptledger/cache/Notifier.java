package dev.promptledger.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sending side of cache coherence on PostgreSQL: this node's committed changes, told
 * to the other nodes by one thread, as many to a {@code NOTIFY} as fit, after their
 * commits. A notifying transaction holds a database-wide lock until its commit is on
 * disk, so notifying inside every write serialized the writes' commits; here writes
 * commit side by side and a busy node sends one notification for many of them. A change
 * whose notification is lost (this node dies first, or the database refuses it) reaches
 * the other nodes through their look for committed changes ({@link Listener}).
 */
@Component
class Notifier implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	/** The most changes waiting; past it the next notification says "everything". */
	static final int QUEUE_LIMIT = 10_000;

	private final JdbcClient jdbc;

	private final Listener listener;

	private final Duration window;

	private final LinkedBlockingQueue<CacheEvent> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);

	private volatile boolean overflowed;

	private volatile boolean running = true;

	private volatile Thread thread;

	/**
	 * @param window how long the first change of a notification waits for others to join
	 * it; 0 sends at once (changes still gather while a notification is on its way)
	 */
	Notifier(JdbcClient jdbc, Listener listener, @Value("${promptledger.cache.notify-window:0ms}") Duration window) {
		this.jdbc = jdbc;
		this.listener = listener;
		this.window = window;
	}

	/** Queues a committed change for the other nodes. */
	void send(CacheEvent event) {
		if (!this.listener.distributed()) {
			return;
		}
		start();
		if (!this.queue.offer(event)) {
			this.overflowed = true;
		}
	}

	private void start() {
		if (this.thread != null) {
			return;
		}
		synchronized (this) {
			if (this.thread != null || !this.running) {
				return;
			}
			this.thread = new Thread(this::run, "cache-notifier");
			this.thread.setDaemon(true);
			this.thread.start();
		}
	}

	private void run() {
		while (this.running || !this.queue.isEmpty()) {
			try {
				CacheEvent first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				if (!this.window.isZero() && this.running) {
					Thread.sleep(this.window.toMillis());
				}
				List<CacheEvent> batch = new ArrayList<>();
				batch.add(first);
				this.queue.drainTo(batch);
				notify(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void notify(List<CacheEvent> batch) {
		Set<CacheEvent> events = new LinkedHashSet<>(batch);
		if (this.overflowed) {
			this.overflowed = false;
			events = Set.of(CacheEvent.all());
		}
		try {
			for (String payload : CacheEvent.payloads(events, this.listener.node())) {
				this.jdbc.sql("SELECT pg_notify(?, ?)").params(Coherence.CHANNEL, payload).query().singleRow();
			}
		}
		catch (DataAccessException ex) {
			// the other nodes find these changes by looking for them
			log.warn("Could not notify the other nodes of {} changes ({}); they will find them within a second",
					events.size(), ex.getClass().getSimpleName());
		}
	}

	/** Sends what is still waiting, before the database goes. */
	@Override
	public void destroy() throws InterruptedException {
		Thread running;
		synchronized (this) {
			this.running = false;
			running = this.thread;
		}
		if (running != null) {
			running.join(5000);
		}
	}

}
