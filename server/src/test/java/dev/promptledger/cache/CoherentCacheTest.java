package dev.promptledger.cache;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The coherence protocol, in one place, checked without a database or a server. */
class CoherentCacheTest {

	private record Key(UUID prompt, String selector) {
	}

	private final Listener listener = singleNode();

	private final Coherence coherence = new Coherence(new Notifier(null, this.listener, Duration.ZERO), this.listener);

	private final CoherentCache<Key, String> views = this.coherence.promptCache("views",
			Caffeine.newBuilder().maximumSize(1_000), (Key key, String value) -> key.prompt());

	private final CoherentCache<String, String> credentials = this.coherence.identityCache("credentials",
			Caffeine.newBuilder().maximumSize(1_000));

	@Test
	void aHitDoesNotLoad() {
		UUID prompt = UUID.randomUUID();
		AtomicInteger loads = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			assertThat(this.views.get(new Key(prompt, ""), () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
		}
		assertThat(loads).hasValue(1);
	}

	@Test
	void aChangeOfOnePromptRemovesItsEntriesOnly() {
		UUID changed = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		this.views.get(new Key(changed, ""), () -> "a");
		this.views.get(new Key(changed, "l:production"), () -> "b");
		this.views.get(new Key(other, ""), () -> "c");
		this.coherence.changed(CacheEvent.prompt(changed));
		assertThat(this.views.peek(new Key(changed, ""))).isNull();
		assertThat(this.views.peek(new Key(changed, "l:production"))).isNull();
		assertThat(this.views.peek(new Key(other, ""))).isEqualTo("c");
	}

	@Test
	void aLoadThatRacedAChangeIsNotKept() {
		UUID prompt = UUID.randomUUID();
		String loaded = this.views.get(new Key(prompt, ""), () -> {
			// another request changes the prompt while this one reads the old state
			this.coherence.changed(CacheEvent.prompt(prompt));
			return "stale";
		});
		assertThat(loaded).isEqualTo("stale");
		assertThat(this.views.peek(new Key(prompt, ""))).as("not kept").isNull();
	}

	@Test
	void aValueComputedBeforeAChangeIsNotKept() {
		UUID prompt = UUID.randomUUID();
		long generation = this.coherence.epoch();
		this.coherence.changed(CacheEvent.prompt(UUID.randomUUID()));
		this.views.put(new Key(prompt, ""), "computed earlier", generation);
		assertThat(this.views.peek(new Key(prompt, ""))).isNull();
	}

	@Test
	void identityChangesClearCredentialsAndPromptChangesDoNot() {
		this.credentials.get("token", () -> "alice");
		this.coherence.changed(CacheEvent.prompt(UUID.randomUUID()));
		assertThat(this.credentials.peek("token")).isEqualTo("alice");
		this.views.get(new Key(UUID.randomUUID(), ""), () -> "kept");
		this.coherence.changed(CacheEvent.identity());
		assertThat(this.credentials.peek("token")).isNull();
	}

	@Test
	void everythingGoesWhenTheNodeMayHaveMissedChanges() {
		Key key = new Key(UUID.randomUUID(), "");
		this.views.get(key, () -> "a");
		this.credentials.get("token", () -> "alice");
		this.coherence.apply(CacheEvent.all());
		assertThat(this.views.peek(key)).isNull();
		assertThat(this.credentials.peek("token")).isNull();
	}

	@Test
	void aNullLoadIsNotKept() {
		AtomicInteger loads = new AtomicInteger();
		this.credentials.get("unknown", () -> {
			loads.incrementAndGet();
			return null;
		});
		this.credentials.get("unknown", () -> {
			loads.incrementAndGet();
			return null;
		});
		assertThat(loads).hasValue(2);
	}

	/** A listener of an embedded database: always usable, nothing sent to other nodes. */
	private static Listener singleNode() {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl("jdbc:h2:mem:coherent-cache-test");
		return new Listener(properties, false);
	}

}
