package dev.promptledger.reliability;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.promptledger.support.Api;
import dev.promptledger.support.JarNode;
import dev.promptledger.support.PostgresAvailableForIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real server processes on one PostgreSQL; the first holds its notifications for a
 * minute (PROMPTLEDGER_CACHE_NOTIFY_WINDOW), writes a new version of a prompt that the
 * second has in its cache, and is killed with SIGKILL right after the write answered:
 * committed, never notified. The second serves the new version within a second all the
 * same, having found the committed change itself.
 */
@ExtendWith(PostgresAvailableForIT.class)
class NotificationLossIT {

	private static final long BOUND_MILLIS = 1000;

	@Test
	void aWriteWhoseNodeDiesBeforeNotifyingReachesEveryNodeWithinASecond() throws Exception {
		JarNode silent = JarNode.start(JarNode.TOKEN, Map.of("PROMPTLEDGER_CACHE_NOTIFY_WINDOW", "60s"),
				"notification-loss");
		JarNode reader = JarNode.start(JarNode.TOKEN, Map.of(), "notification-loss");
		try {
			String name = "loss/" + UUID.randomUUID();
			Api.Response created = reader.api()
				.post("/prompts")
				.json(Map.of("name", name, "content", "v1", "labels", List.of("production")))
				.send();
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String lookup = "/prompts/lookup?name=" + name + "&label=production";
			for (int i = 0; i < 3; i++) {
				assertThat(content(reader, lookup)).isEqualTo("v1");
			}

			Api.Response written = silent.api()
				.patch("/prompts/" + created.text("id"))
				.json(Map.of("content", "v2", "labels", List.of("production")))
				.send();
			long committed = System.nanoTime();
			assertThat(written.status()).as(written.body()).isEqualTo(200);
			silent.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);

			long seenAfter = firstSeen(reader, lookup, "v2", committed);
			System.out.println("Notification loss: the other node served the write " + seenAfter
					+ " ms after it answered, its writer dead");
			assertThat(seenAfter).as("ms until the other node served the committed write").isLessThan(BOUND_MILLIS);
		}
		finally {
			silent.process().destroyForcibly();
			reader.process().destroy();
		}
	}

	/** Milliseconds from {@code since} until the lookup answers {@code expected}. */
	private static long firstSeen(JarNode node, String lookup, String expected, long since)
			throws InterruptedException {
		long deadline = since + TimeUnit.SECONDS.toNanos(10);
		while (!expected.equals(content(node, lookup))) {
			assertThat(System.nanoTime()).as("the other node never served the write").isLessThan(deadline);
			Thread.sleep(5);
		}
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
	}

	private static String content(JarNode node, String lookup) {
		Api.Response answer = node.api().get(lookup).send();
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.text("content");
	}

}
