package dev.promptledger.cache;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * A cache that every node keeps coherent, the one implementation of the protocol of
 * {@link Coherence}: it answers only while the cache is {@link Coherence#usable()}, a
 * load that started before an invalidation never stays in it (the generation guard), and
 * every change it is told of removes what that change makes stale. Entries of a
 * prompt-scoped cache are indexed by their prompt, so that a change of one prompt removes
 * its entries without a scan; an identity-scoped cache (credentials) forgets everything
 * when users or tokens change anywhere.
 */
public final class CoherentCache<K, V> {

	private final Coherence coherence;

	private final String name;

	private final Cache<K, V> entries;

	/** The prompt an entry belongs to; null for an identity-scoped cache. */
	private final BiFunction<K, V, UUID> promptOf;

	/**
	 * The keys stored per prompt. A key may outlive its entry here (evicted meanwhile);
	 * an entry never lacks its key, which is what makes an invalidation complete.
	 */
	private final ConcurrentHashMap<UUID, Set<K>> byPrompt = new ConcurrentHashMap<>();

	@SuppressWarnings("unchecked")
	CoherentCache(Coherence coherence, String name, Caffeine<?, ?> builder, BiFunction<K, V, UUID> promptOf) {
		this.coherence = coherence;
		this.name = name;
		this.promptOf = promptOf;
		Caffeine<K, V> typed = (Caffeine<K, V>) builder;
		if (promptOf != null) {
			// runs inside the eviction's atomic step, so it cannot undo a concurrent
			// store
			typed = typed.evictionListener((K key, V value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
				if (key != null && value != null) {
					unindex(promptOf.apply(key, value), key);
				}
			});
		}
		this.entries = typed.recordStats().build();
		coherence.register(this::apply);
	}

	/**
	 * The entry for {@code key}, from memory when the cache may answer, or loaded (and
	 * kept, unless something changed while it loaded). A null load is not kept.
	 */
	public V get(K key, Supplier<V> load) {
		boolean usable = this.coherence.usable();
		if (usable) {
			V hit = this.entries.getIfPresent(key);
			if (hit != null) {
				return hit;
			}
		}
		long generation = this.coherence.epoch();
		V value = load.get();
		if (usable && value != null) {
			store(key, value, generation);
		}
		return value;
	}

	/** The entry, or null when it is not in memory or memory may not answer now. */
	public V peek(K key) {
		return this.coherence.usable() ? this.entries.getIfPresent(key) : null;
	}

	/**
	 * Keeps {@code value} if nothing changed since {@code generation}
	 * ({@link Coherence#epoch()} read before the value was computed).
	 */
	public void put(K key, V value, long generation) {
		if (this.coherence.usable()) {
			store(key, value, generation);
		}
	}

	/** Forgets one entry (a value found to be wrong for its key). */
	public void invalidate(K key) {
		this.entries.invalidate(key);
	}

	/** Publishes the cache to {@code /metrics} under its name. */
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.entries, this.name);
	}

	private void store(K key, V value, long generation) {
		// entry first, then its key in the index, then the guard: an invalidation that
		// ran before the index held the key moved the generation, so the entry goes
		this.entries.put(key, value);
		if (this.promptOf != null) {
			this.byPrompt.computeIfAbsent(this.promptOf.apply(key, value), p -> ConcurrentHashMap.newKeySet()).add(key);
		}
		if (this.coherence.epoch() != generation) {
			this.entries.invalidate(key);
		}
	}

	private void unindex(UUID prompt, K key) {
		this.byPrompt.computeIfPresent(prompt, (p, keys) -> {
			keys.remove(key);
			return keys.isEmpty() ? null : keys;
		});
	}

	private void apply(CacheEvent event) {
		switch (event.kind()) {
			case PROMPT -> {
				if (this.promptOf != null) {
					Set<K> keys = this.byPrompt.remove(event.promptId());
					if (keys != null) {
						this.entries.invalidateAll(keys);
					}
				}
			}
			case IDENTITY -> {
				if (this.promptOf == null) {
					this.entries.invalidateAll();
				}
			}
			case ALL -> {
				this.entries.invalidateAll();
				this.byPrompt.clear();
			}
		}
	}

}
