package dev.promptledger.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.OnPostgres;
import dev.promptledger.support.SecondNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL: what is written through one is served by the other within
 * milliseconds, and a node whose notification connection dies reads from the database
 * instead of serving a stale prompt.
 */
@OnPostgres
class CacheCoherencePostgresTest extends ApiTestBase {

	private static SecondNode other;

	@BeforeAll
	static void startOtherNode() {
		other = new SecondNode();
	}

	@AfterAll
	static void stopOtherNode() {
		if (other != null) {
			other.close();
		}
	}

	@Test
	void writesThroughOneNodeAreServedByTheOtherWithinMilliseconds() {
		Api b = new Api(other.base(), this.adminToken);
		Api.Response created = createPrompt(uniqueName("coherent"), "one");
		String id = created.text("id");
		String name = created.text("name");
		this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send();
		String byId = "/prompts/" + id;
		String byLabel = "/prompts/lookup?name=" + name + "&label=production";
		List<Long> lags = new ArrayList<>();
		for (int round = 2; round <= 6; round++) {
			assertThat(version(b, byId)).isEqualTo(round - 1);
			int expected = round;
			this.api.put(byId).json(body("name", name, "content", "content " + round)).send();
			lags.add(lag(() -> version(b, byId) == expected));
		}
		assertThat(version(b, byLabel)).isEqualTo(1);
		this.api.put("/prompts/" + id + "/labels/production").json(body("version", 4)).send();
		lags.add(lag(() -> version(b, byLabel) == 4));
		assertThat(b.get("/prompts/" + id + "?version=6").send().text("content")).isEqualTo("content 6");
		this.api.post("/prompts/" + id + "/versions/1/revert").json(body("confirm", true)).send();
		lags.add(lag(() -> "one".equals(b.get(byId).send().text("content"))));
		System.out.println("Cross-node propagation, ms: " + lags);
		assertThat(lags).allMatch(lag -> lag < 1000);
	}

	/**
	 * What a prompt object carries besides its version (tags, the labels pointing at the
	 * version shown) and a chat's messages and config reach the other node as fast.
	 */
	@Test
	void tagsLabelsAndChatBodiesReachTheOtherNode() {
		Api b = new Api(other.base(), this.adminToken);
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("coherent/chat"), "type", "chat", "messages",
					List.of(body("role", "user", "content", "one")), "config", body("t", 1)))
			.send();
		String byId = "/prompts/" + created.text("id");
		assertThat(b.get(byId).send().json().get("tags")).isEmpty();
		List<Long> lags = new ArrayList<>();
		this.api.patch(byId).json(body("tags", List.of("moved"))).send();
		lags.add(lag(() -> b.get(byId).send().json().get("tags").size() == 1));
		this.api.put(byId + "/labels/production").json(body("version", 1)).send();
		lags.add(lag(() -> b.get(byId).send().json().get("labels").size() == 1));
		this.api.patch(byId).json(body("config", body("t", 2))).send();
		lags.add(lag(() -> b.get(byId).send().json().get("config").get("t").asInt() == 2));
		System.out.println("Cross-node propagation of tags, labels, config, ms: " + lags);
		assertThat(lags).allMatch(lag -> lag < 1000);
	}

	@Test
	void aNodeWhoseListenerIsCutReadsFromTheDatabase() throws InterruptedException {
		Api b = new Api(other.base(), this.adminToken);
		Coherence coherence = other.bean(Coherence.class);
		awaitUsable(coherence, true);
		Api.Response created = createPrompt(uniqueName("cut"), "before");
		String id = created.text("id");
		assertThat(b.get("/prompts/" + id).send().text("content")).isEqualTo("before");

		int killed = this.jdbc.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")
			.param(coherence.listenerName())
			.query()
			.listOfRows()
			.size();
		assertThat(killed).isEqualTo(1);
		awaitUsable(coherence, false);
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "after")).send();
		assertThat(b.get("/prompts/" + id).send().text("content")).as("no stale read while the listener is down")
			.isEqualTo("after");

		awaitUsable(coherence, true);
		assertThat(b.get("/prompts/" + id).send().text("content")).isEqualTo("after");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "again")).send();
		long lag = lag(() -> "again".equals(b.get("/prompts/" + id).send().text("content")));
		assertThat(lag).as("notifications flow again after the reconnect").isLessThan(1000);
	}

	private static int version(Api api, String path) {
		return api.get(path).send().json().get("version").asInt();
	}

	/** Milliseconds until the condition holds (polling), failing after two seconds. */
	private static long lag(Supplier<Boolean> condition) {
		long start = System.nanoTime();
		while (!condition.get()) {
			if (System.nanoTime() - start > 2_000_000_000L) {
				throw new AssertionError("the other node did not serve the write within 2 s");
			}
			Thread.onSpinWait();
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static void awaitUsable(Coherence coherence, boolean usable) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 10_000;
		while (coherence.usable() != usable) {
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("the listener did not become " + (usable ? "usable" : "unusable"));
			}
			Thread.sleep(5);
		}
	}

}
