package dev.promptledger.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications carry as many events as fit under PostgreSQL's payload limit, and read
 * back as the events sent; what a node of the release before sent (one event) still
 * reads.
 */
class CacheEventTest {

	private static final String NODE = UUID.randomUUID().toString();

	@Test
	void manyEventsSplitUnderTheLimitAndReadBack() {
		List<CacheEvent> events = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			events.add(CacheEvent.prompt(UUID.randomUUID()));
		}
		events.add(CacheEvent.identity());
		List<String> payloads = CacheEvent.payloads(events, NODE);
		assertThat(payloads).hasSizeGreaterThan(1);
		List<CacheEvent> read = new ArrayList<>();
		for (String payload : payloads) {
			assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
			assertThat(CacheEvent.sender(payload)).isEqualTo(NODE);
			read.addAll(CacheEvent.parseAll(payload));
		}
		assertThat(read).isEqualTo(events);
	}

	@Test
	void oneEventAsTheReleaseBeforeSentItAndAnythingUnreadableIsEverything() {
		UUID id = UUID.randomUUID();
		assertThat(CacheEvent.parseAll("p:" + id + " " + NODE)).containsExactly(CacheEvent.prompt(id));
		assertThat(CacheEvent.parseAll("i " + NODE)).containsExactly(CacheEvent.identity());
		assertThat(CacheEvent.parseAll("p:" + id + ",p:nonsense " + NODE)).containsExactly(CacheEvent.all());
		assertThat(CacheEvent.parseAll("p:" + id + ",* " + NODE)).containsExactly(CacheEvent.all());
	}

}
