package dev.promptledger.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.promptledger.cache.Coherence;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.EventStream;
import dev.promptledger.support.OnPostgres;
import dev.promptledger.support.SecondNode;

/**
 * Watching across nodes: a thousand streams on one node hear a label move made on the
 * other within a second, without a thread each; the node refuses one stream more than its
 * limit; and when its notification connection dies every stream is told to re-read.
 */
@OnPostgres
class WatchPostgresTest extends ApiTestBase {

	private static final int WATCHERS = 1000;

	private static SecondNode other;

	@BeforeAll
	static void startOtherNode() {
		other = new SecondNode("promptledger.watch.max-streams=" + WATCHERS);
	}

	@AfterAll
	static void stopOtherNode() {
		if (other != null) {
			other.close();
		}
	}

	@Test
	void aThousandWatchersOnOneNodeHearAMoveOnTheOtherWithinASecond() throws Exception {
		String name = uniqueName("watched/by-many");
		String id = createPrompt(name, "one").text("id");
		this.api.put("/prompts/" + id).json(body("name", name, "content", "two")).send();
		this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send();
		Watches watches = other.bean(Watches.class);
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		List<EventStream> streams = new ArrayList<>();
		try {
			for (int i = 0; i < WATCHERS; i++) {
				streams.add(EventStream.open(other.base(), "/prompts/watch?label=production&name=" + name,
						this.adminToken));
			}
			for (EventStream stream : streams) {
				assertThat(stream.status()).isEqualTo(200);
				EventStream.Event first = stream.next(Duration.ofSeconds(30));
				assertThat(first).isNotNull();
				assertThat(first.data().get("number").asInt()).isEqualTo(1);
			}
			assertThat(watches.openStreams()).isEqualTo(WATCHERS);
			int threadsOpen = ManagementFactory.getThreadMXBean().getThreadCount();
			Runtime runtime = Runtime.getRuntime();
			System.gc();
			long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;

			EventStream oneMore = EventStream.open(other.base(), "/prompts/watch?name=" + name, this.adminToken);
			assertThat(oneMore.status()).as("one stream over the node's limit").isEqualTo(503);
			oneMore.close();

			long moved = System.nanoTime();
			assertThat(this.api.put("/prompts/" + id + "/labels/production").json(body("version", 2)).send().status())
				.isEqualTo(200);
			List<Long> lags = new ArrayList<>();
			for (EventStream stream : streams) {
				EventStream.Event event = stream.next(Duration.ofSeconds(10));
				assertThat(event).as("every watcher hears the move").isNotNull();
				assertThat(event.data().get("number").asInt()).isEqualTo(2);
				lags.add((event.arrivedNanos() - moved) / 1_000_000);
			}
			lags.sort(null);
			System.out.printf(
					"%d watchers on one node, move on the other: p50 %d ms, p99 %d ms, max %d ms; "
							+ "JVM threads %d before the streams, %d with them; heap in use %d MB (both nodes and the "
							+ "test share this JVM)%n",
					WATCHERS, lags.get(WATCHERS / 2), lags.get(WATCHERS * 99 / 100), lags.get(WATCHERS - 1),
					threadsBefore, threadsOpen, heapMb);
			assertThat(lags.get(WATCHERS - 1)).as("the last watcher hears the move within a second").isLessThan(1000);
			// Tomcat's pool (200 at most per node) grows while the streams open, and the
			// HTTP
			// client's with it; a thread per stream would be a thousand more, and could
			// not
			// even serve them all
			assertThat(threadsOpen - threadsBefore).as("streams cost no thread each").isLessThan(WATCHERS / 2);

			Coherence coherence = other.bean(Coherence.class);
			this.jdbc.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")
				.param(coherence.listenerName())
				.query()
				.listOfRows();
			for (EventStream stream : streams.subList(0, 50)) {
				EventStream.Event reset = stream.next(Duration.ofSeconds(10));
				assertThat(reset).as("a lost notification connection is a reset").isNotNull();
				assertThat(reset.name()).isEqualTo("reset");
			}
			long back = System.currentTimeMillis() + 10_000;
			while (!coherence.usable() && System.currentTimeMillis() < back) {
				Thread.sleep(50);
			}
			// the reconnection's reset and re-reads are written before the clients go
			Thread.sleep(1_000);
		}
		finally {
			streams.forEach(EventStream::close);
		}
		// the node finds streams whose clients went only by writing to them: at its
		// heartbeat
		// (every 15 s), or at once when a new stream finds the node full
		long deadline = System.currentTimeMillis() + 5_000;
		int status = 0;
		while (status != 200 && System.currentTimeMillis() < deadline) {
			EventStream again = EventStream.open(other.base(), "/prompts/watch?name=" + name, this.adminToken);
			status = again.status();
			again.close();
			if (status != 200) {
				assertThat(status).isEqualTo(503);
				Thread.sleep(1_000);
			}
		}
		assertThat(status).as("a full node makes room from streams whose clients went, within seconds").isEqualTo(200);
	}

}
