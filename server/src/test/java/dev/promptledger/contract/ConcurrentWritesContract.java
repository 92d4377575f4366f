package dev.promptledger.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lost updates and forked histories: many writers on one prompt, half of them with
 * If-Match, through every node a subclass provides. Afterwards the history must be
 * exactly the acknowledged writes.
 */
abstract class ConcurrentWritesContract extends ApiTestBase {

	static final int WRITERS = 8;

	static final int WRITES_EACH = 12;

	/**
	 * The servers to spread the writers over; a subclass may add nodes that share the
	 * database.
	 */
	protected List<Api> nodes() {
		return List.of(this.api);
	}

	private record Outcome(int status, String content, String versionId) {
	}

	@Test
	void concurrentWritersNeitherLoseNorDuplicateAVersion() throws Exception {
		Api.Response created = createPrompt(uniqueName("contended"), "start");
		String id = created.text("id");
		String name = created.text("name");
		List<Api> nodes = nodes();
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<Outcome>>> futures = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			int writer = w;
			futures.add(pool.submit(() -> {
				start.await();
				List<Outcome> outcomes = new ArrayList<>();
				for (int i = 0; i < WRITES_EACH; i++) {
					Api node = nodes.get((writer + i) % nodes.size());
					String content = "writer " + writer + " write " + i + " " + UUID.randomUUID();
					Api.Call put = node.put("/prompts/" + id).json(body("name", name, "content", content));
					if (writer % 2 == 0) {
						Api.Response current = node.get("/prompts/" + id).send();
						assertThat(current.status()).as(current.body()).isEqualTo(200);
						put.header("If-Match", etag(current));
					}
					Api.Response response = put.send();
					String versionId = response.status() == 200
							? response.json().get("latest_version").get("version_id").asString() : null;
					outcomes.add(new Outcome(response.status(), content, versionId));
				}
				return outcomes;
			}));
		}
		start.countDown();
		List<Outcome> all = new ArrayList<>();
		for (Future<List<Outcome>> future : futures) {
			all.addAll(future.get(120, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(all).extracting(Outcome::status).allMatch(status -> status == 200 || status == 412);
		List<Outcome> acknowledged = all.stream().filter(o -> o.status() == 200).toList();
		assertThat(acknowledged).as("writes without If-Match always succeed")
			.hasSizeGreaterThanOrEqualTo(WRITERS / 2 * WRITES_EACH);

		Map<String, JsonNode> history = new HashMap<>();
		List<Integer> numbers = new ArrayList<>();
		String cursor = null;
		do {
			Api.Response page = this.api
				.get("/prompts/" + id + "/versions?limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
				.send();
			for (JsonNode item : page.json().get("items")) {
				numbers.add(item.get("number").asInt());
				history.put(item.get("version_id").asString(), item);
			}
			cursor = page.text("next_cursor");
		}
		while (cursor != null);
		Collections.sort(numbers);
		List<Integer> expected = new ArrayList<>();
		for (int n = 1; n <= acknowledged.size() + 1; n++) {
			expected.add(n);
		}
		assertThat(numbers).as("gap-free, unique, one per acknowledged write").isEqualTo(expected);
		for (Outcome outcome : acknowledged) {
			assertThat(history).containsKey(outcome.versionId());
			Api.Response version = this.api.get("/prompts/" + id + "/versions/" + outcome.versionId()).send();
			assertThat(version.text("content")).isEqualTo(outcome.content());
		}
		for (Outcome rejected : all.stream().filter(o -> o.status() == 412).toList()) {
			long blobs = this.jdbc.sql("SELECT COUNT(*) FROM content_blob WHERE hash = ?")
				.param(java.util.HexFormat.of().parseHex(PromptsContract.sha256(rejected.content())))
				.query(Long.class)
				.single();
			assertThat(blobs).as("a 412 left no content behind").isZero();
		}
		long audited = this.jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE prompt_id = ?")
			.param(UUID.fromString(id))
			.query(Long.class)
			.single();
		assertThat(audited).as("one audit entry per version").isEqualTo(numbers.size());
		JsonNode head = this.api.get("/prompts/" + id).send().json();
		assertThat(head.get("version").asInt()).isEqualTo(numbers.size());
	}

	/**
	 * Prompts renamed at once to one free name: each round exactly one takes it, every
	 * other is told 409 {@code name_taken}, also when both passed the name check before
	 * either wrote (the unique key settles it when the write's statements run), and no
	 * two live prompts ever share the name.
	 */
	@Test
	void concurrentRenamesToOneNameLeaveOneWinner() throws Exception {
		int contenders = 6;
		List<Api> nodes = nodes();
		List<String[]> prompts = new ArrayList<>();
		for (int p = 0; p < contenders; p++) {
			Api.Response created = createPrompt(uniqueName("renamed"), "content " + p);
			prompts.add(new String[] { created.text("id"), created.text("name") });
		}
		ExecutorService pool = Executors.newFixedThreadPool(contenders);
		for (int round = 0; round < 5; round++) {
			String wanted = uniqueName("wanted");
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int p = 0; p < contenders; p++) {
				String[] prompt = prompts.get(p);
				Api node = nodes.get(p % nodes.size());
				futures.add(pool.submit(() -> {
					start.await();
					return node.put("/prompts/" + prompt[0])
						.json(body("name", wanted, "content", "renamed in round " + wanted))
						.send();
				}));
			}
			start.countDown();
			int won = 0;
			for (int p = 0; p < contenders; p++) {
				Api.Response response = futures.get(p).get(60, TimeUnit.SECONDS);
				if (response.status() == 200) {
					won++;
					prompts.set(p, new String[] { prompts.get(p)[0], wanted });
				}
				else {
					assertThat(response.status()).as(response.body()).isEqualTo(409);
					assertThat(response.text("code")).isEqualTo("name_taken");
				}
			}
			assertThat(won).as("one rename to " + wanted + " succeeds").isEqualTo(1);
			long live = this.jdbc.sql("SELECT COUNT(*) FROM prompt WHERE LOWER(live_name) = LOWER(?)")
				.param(wanted)
				.query(Long.class)
				.single();
			assertThat(live).isEqualTo(1);
		}
		pool.shutdown();
	}

}
