package dev.promptledger.cache;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every node's read caches coherent; the caches themselves are
 * {@link CoherentCache}s, made here. A write calls {@link #changed} inside its
 * transaction: right after it commits, and before the answer, the change is applied to
 * this node's caches and handed to the {@link Notifier}, which tells the other nodes with
 * {@code pg_notify}; a node also finds, within a second, every committed change it was
 * not told of ({@link Listener}). Caches may serve only while {@link #usable()}: on
 * PostgreSQL that means the listener is connected. Loads that started before an
 * invalidation never fill the cache ({@link #epoch()}).
 */
@Component
public class Coherence {

	static final String CHANNEL = "promptledger_cache";

	private final Notifier notifier;

	private final Listener listener;

	private final List<Consumer<CacheEvent>> caches = new CopyOnWriteArrayList<>();

	private final AtomicLong epoch = new AtomicLong();

	Coherence(Notifier notifier, Listener listener) {
		this.notifier = notifier;
		this.listener = listener;
		listener.onEvent(this::apply);
	}

	/**
	 * A cache of entries that belong to one prompt each ({@code promptOf}): a change of
	 * that prompt removes them.
	 * @param builder the cache's size and weight limits
	 */
	public <K, V> CoherentCache<K, V> promptCache(String name, Caffeine<?, ?> builder,
			BiFunction<K, V, UUID> promptOf) {
		return new CoherentCache<>(this, name, builder, promptOf);
	}

	/** A cache of who is who: any change of users or tokens removes everything. */
	public <K, V> CoherentCache<K, V> identityCache(String name, Caffeine<?, ?> builder) {
		return new CoherentCache<>(this, name, builder, null);
	}

	/** Registers a cache to be told of every change, local or remote. */
	void register(Consumer<CacheEvent> cache) {
		this.caches.add(cache);
	}

	/**
	 * Tells {@code listener} of every change, local or remote, after the caches have
	 * forgotten what it changed; {@link CacheEvent.Kind#ALL} also when this node may have
	 * missed changes (its listener lost or regained its connection). The listener is
	 * called on the thread that applies the change: it must hand any real work to
	 * another.
	 */
	public void subscribe(Consumer<CacheEvent> listener) {
		this.caches.add(listener);
	}

	/**
	 * The {@code application_name} of this node's LISTEN connection, for operators (and
	 * tests) to find it.
	 */
	public String listenerName() {
		return this.listener.applicationName();
	}

	/** Whether a cache may answer now; when false, reads go to the database. */
	public boolean usable() {
		return this.listener.healthy();
	}

	/**
	 * A counter that moves on every invalidation: read it before loading, and store the
	 * load only if it did not move.
	 */
	public long epoch() {
		return this.epoch.get();
	}

	/**
	 * Records a change in the current transaction: this node forgets what it changed
	 * right after the commit, and the other nodes hear of it then.
	 */
	public void changed(CacheEvent event) {
		changed(event, null);
	}

	/**
	 * The same, for a change whose audit entry {@code transaction} wrote (as PostgreSQL
	 * spells it): this node's look for committed changes passes over it, having applied
	 * it already.
	 */
	public void changed(CacheEvent event, String transaction) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						committed(event, transaction);
					}
				}
			});
		}
		else {
			committed(event, transaction);
		}
	}

	private void committed(CacheEvent event, String transaction) {
		apply(event);
		this.listener.applied(transaction);
		this.notifier.send(event);
	}

	void apply(CacheEvent event) {
		this.epoch.incrementAndGet();
		for (Consumer<CacheEvent> cache : this.caches) {
			cache.accept(event);
		}
	}

}
