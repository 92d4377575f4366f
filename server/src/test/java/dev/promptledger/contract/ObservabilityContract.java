package dev.promptledger.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see. {@code GET /metrics}: Prometheus text for admins only, with HTTP
 * latency, versions written, reverts, conflicts, cache hits and pool usage that move with
 * what the API did, and nothing secret in it. The logs: no prompt content, whatever
 * happens to it.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ObservabilityContract extends ApiTestBase {

	@Test
	void promptContentNeverReachesTheLogs(CapturedOutput output) {
		String secret = "confidential-" + uniqueName("content");
		Api.Response prompt = createPrompt(uniqueName("logs"), secret);
		String id = prompt.text("id");
		String name = prompt.text("name");
		this.api.put("/prompts/" + id).json(body("name", name, "content", secret + " edited")).send();
		this.api.put("/prompts/" + id)
			.header("If-Match", etag(prompt))
			.json(body("name", name, "content", secret))
			.send();
		this.api.post("/prompts").json(body("name", name, "content", secret)).send();
		this.api.post("/prompts").json(body("name", "bad name!", "content", secret)).send();
		this.api.post("/prompts").json(body("name", uniqueName("big"), "content", secret + "x".repeat(70_000))).send();
		this.api.post("/prompts/" + id + "/versions/1/revert").json(body("confirm", true)).send();
		this.api.post("/prompts/" + id + "/render").json(body("variables", body())).send();
		this.api.get("/prompts/" + id + "/versions/1/diff").send();
		this.api.post("/prompts").raw("application/json", "{\"name\": \"" + secret + "\", \"content\": 42}").send();
		this.api.as("plg_not_a_token_" + secret).get("/prompts/" + id).send();
		assertThat(output.getAll()).as("the logs were captured").contains("Rejected credentials");
		assertThat(output.getAll()).as("the logs").doesNotContain(secret);
	}

	@Test
	void metricsAreForAdminsOnly() {
		assertProblem(this.api.get("/metrics").anonymous().send(), 401, "unauthorized");
		TestUser maintainer = createUser("maintainer");
		assertProblem(maintainer.api().get("/metrics").send(), 403, "forbidden");
		Api.Response metrics = this.api.get("/metrics").send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.contentType()).startsWith("text/plain");
	}

	@Test
	void countersMoveWithWhatTheApiDid() {
		double created = value("promptledger_versions_written_total\\{change_type=\"create\"}");
		double updated = value("promptledger_versions_written_total\\{change_type=\"update\"}");
		double reverted = value("promptledger_reverts_total\\{outcome=\"written\"}");
		double refused = value("promptledger_reverts_total\\{outcome=\"confirmation_required\"}");
		double conflicts = value("promptledger_conflicts_total\\{code=\"version_conflict\"}");
		double taken = value("promptledger_conflicts_total\\{code=\"name_taken\"}");

		String secret = "secret content " + uniqueName("metrics");
		Api.Response prompt = createPrompt(uniqueName("metrics"), secret);
		String id = prompt.text("id");
		String name = prompt.text("name");
		assertThat(this.api.put("/prompts/" + id).json(body("name", name, "content", secret + " 2")).send().status())
			.isEqualTo(200);
		assertThat(this.api.put("/prompts/" + id)
			.header("If-Match", etag(prompt))
			.json(body("name", name, "content", "stale"))
			.send()
			.status()).isEqualTo(412);
		assertThat(this.api.post("/prompts").json(body("name", name, "content", "again")).send().status())
			.isEqualTo(409);
		assertThat(this.api.post("/prompts/" + id + "/versions/1/revert").json(body()).send().status()).isEqualTo(428);
		assertThat(this.api.post("/prompts/" + id + "/versions/1/revert").json(body("confirm", true)).send().status())
			.isEqualTo(201);
		String reads = "http_server_requests_seconds_count\\{error=\"none\",exception=\"none\",method=\"GET\","
				+ "outcome=\"SUCCESS\",status=\"200\",uri=\"/prompts/lookup\"}";
		double readsBefore = valueOrZero(this.api.get("/metrics").send().body(), reads);
		assertThat(this.api.get("/prompts/" + id).send().status()).isEqualTo(200);
		assertThat(this.api.get("/prompts/" + id).send().status()).isEqualTo(200);
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.get("/prompts/lookup?name=" + name).send().status()).isEqualTo(200);
		}
		assertThat(value(reads)).as("reads answered from memory are timed too").isEqualTo(readsBefore + 3);

		assertThat(value("promptledger_versions_written_total\\{change_type=\"create\"}")).isEqualTo(created + 1);
		assertThat(value("promptledger_versions_written_total\\{change_type=\"update\"}")).isEqualTo(updated + 1);
		assertThat(value("promptledger_reverts_total\\{outcome=\"written\"}")).isEqualTo(reverted + 1);
		assertThat(value("promptledger_reverts_total\\{outcome=\"confirmation_required\"}")).isEqualTo(refused + 1);
		assertThat(value("promptledger_conflicts_total\\{code=\"version_conflict\"}")).isEqualTo(conflicts + 1);
		assertThat(value("promptledger_conflicts_total\\{code=\"name_taken\"}")).isEqualTo(taken + 1);

		String text = this.api.get("/metrics").send().body();
		assertThat(value(text, "cache_gets_total\\{cache=\"prompt_views\",result=\"hit\"}")).isPositive();
		assertThat(value(text, "cache_gets_total\\{cache=\"credentials\",result=\"hit\"}")).isPositive();
		assertThat(text).contains("hikaricp_connections_active{", "hikaricp_connections_max{",
				"http_server_requests_seconds_bucket{", "uri=\"/prompts/{id}\"");
		assertThat(text).as("no prompt content, token or id in the metrics")
			.doesNotContain(secret, this.adminToken, id);
	}

	@Test
	void rendersAreCountedByTypeAndOutcome() {
		String chat = "promptledger_renders_total\\{outcome=\"rendered\",type=\"chat\"}";
		String missing = "promptledger_renders_total\\{outcome=\"missing_variables\",type=\"text\"}";
		double chats = valueOrZero(this.api.get("/metrics").send().body(), chat);
		double missed = valueOrZero(this.api.get("/metrics").send().body(), missing);
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("metrics/chat"), "type", "chat", "messages",
					java.util.List.of(body("role", "user", "content", "{{q}}"))))
			.send();
		assertThat(this.api.post("/prompts/" + created.text("id") + "/render")
			.json(body("variables", body("q", "x")))
			.send()
			.status()).isEqualTo(200);
		String text = createPrompt(uniqueName("metrics/text"), "{{a}}").text("id");
		assertThat(this.api.post("/prompts/" + text + "/render").json(body("variables", body())).send().status())
			.isEqualTo(400);
		assertThat(value(chat)).isEqualTo(chats + 1);
		assertThat(value(missing)).isEqualTo(missed + 1);
	}

	/**
	 * A node forgets what its own write changed once, right after the commit: its look
	 * for changes committed elsewhere (PostgreSQL) passes over its own, so what was read
	 * after the write stays cached and the fast path answers.
	 */
	@Test
	void aNodesOwnWriteLeavesWhatWasReadAfterItCached() throws InterruptedException {
		Api.Response prompt = createPrompt(uniqueName("own"), "Hello");
		String path = "/prompts/" + prompt.text("id");
		this.api.put(path + "/labels/production").json(body("version", 1)).send();
		assertThat(this.api.get(path).send().status()).isEqualTo(200);
		Thread.sleep(800);
		String gets = "cache_gets_total\\{cache=\"fast_path_answers\",result=\"(hit|miss)\"}";
		double before = sum(this.api.get("/metrics").send().body(), gets);
		assertThat(this.api.get(path).send().status()).isEqualTo(200);
		assertThat(sum(this.api.get("/metrics").send().body(), gets)).as("answered by the fast path")
			.isEqualTo(before + 1);
	}

	/**
	 * The fast read path answers exactly as the full stack does (status, headers, bytes),
	 * for a plain read by id, a read at a label, a lookup by name, and their 304s; and it
	 * is the fast path that answers the second time.
	 */
	@Test
	void theFastPathAnswersLikeTheFullStack() {
		Api.Response prompt = createPrompt(uniqueName("fast"), "Hello {{who}}");
		String id = prompt.text("id");
		this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send();
		String gets = "cache_gets_total\\{cache=\"fast_path_answers\",result=\"(hit|miss)\"}";
		for (String path : java.util.List.of("/prompts/" + id, "/prompts/" + id + "?label=production",
				"/prompts/lookup?name=" + prompt.text("name"))) {
			Api.Response full = this.api.get(path).send();
			double before = sum(this.api.get("/metrics").send().body(), gets);
			Api.Response fast = this.api.get(path).send();
			assertThat(sum(this.api.get("/metrics").send().body(), gets)).as("answered by the fast path: " + path)
				.isEqualTo(before + 1);
			assertSameAnswer(path, full, fast);
			String etag = fast.header("ETag");
			Api.Response fullNotModified = this.api.get(path)
				.header("If-None-Match", etag)
				.header("Cache-Control", "no-cache")
				.send();
			Api.Response fastNotModified = this.api.get(path).header("If-None-Match", etag).send();
			assertThat(fastNotModified.status()).isEqualTo(304);
			assertSameAnswer(path + " (304)", fullNotModified, fastNotModified);
		}
	}

	/**
	 * The fast write path answers a PUT exactly as the full stack does (status, headers,
	 * bytes), and hands a refused one to the full stack, which answers it; a PUT it does
	 * not take (here one that accepts JSON among other types) is the full stack's alone.
	 */
	@Test
	void theFastWritePathAnswersLikeTheFullStack() {
		Api.Response prompt = createPrompt(uniqueName("fastput"), "Hello {{who}}");
		String path = "/prompts/" + prompt.text("id");
		String answered = "promptledger_fastpath_writes_total\\{outcome=\"(answered)\"}";
		String refused = "promptledger_fastpath_writes_total\\{outcome=\"(refused)\"}";
		java.util.Map<String, Object> write = body("name", prompt.text("name"), "content", "Hi {{who}}", "description",
				"greets");

		double before = sum(this.api.get("/metrics").send().body(), answered);
		Api.Response changed = this.api.put(path).json(write).send();
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().path("latest_version").path("number").asInt()).isEqualTo(2);
		assertThat(sum(this.api.get("/metrics").send().body(), answered)).as("a change, by the fast path")
			.isEqualTo(before + 1);

		// the same body again changes nothing, so both paths answer the same prompt
		Api.Response full = this.api.put(path).json(write).header("Accept", "application/json, */*;q=0.5").send();
		assertThat(sum(this.api.get("/metrics").send().body(), answered)).as("not taken by the fast path")
			.isEqualTo(before + 1);
		Api.Response fast = this.api.put(path).json(write).send();
		assertThat(sum(this.api.get("/metrics").send().body(), answered)).as("taken by the fast path")
			.isEqualTo(before + 2);
		assertThat(fast.status()).isEqualTo(200);
		assertSameAnswer("PUT " + path, full, fast);

		String stale = prompt.header("ETag");
		double refusedBefore = sum(this.api.get("/metrics").send().body(), refused);
		Api.Response fullConflict = this.api.put(path)
			.json(body("name", prompt.text("name"), "content", "Hey"))
			.header("If-Match", stale)
			.header("Accept", "application/json, */*;q=0.5")
			.send();
		Api.Response fastConflict = this.api.put(path)
			.json(body("name", prompt.text("name"), "content", "Hey"))
			.header("If-Match", stale)
			.send();
		assertThat(fastConflict.status()).isEqualTo(412);
		assertThat(sum(this.api.get("/metrics").send().body(), refused)).as("refused, handed to the full stack")
			.isEqualTo(refusedBefore + 1);
		assertSameAnswer("PUT " + path + " (412)", fullConflict, fastConflict);
		assertThat(this.api.get(path).send().json().path("latest_version").path("number").asInt())
			.as("nothing written by the refused write")
			.isEqualTo(2);
	}

	/**
	 * The largest legal PUT (content at the limit) is the fast path's; content over the
	 * limit is refused and handed on (413 {@code content_too_large}); a body over the
	 * body limit never reaches it, as it is not read (413 {@code payload_too_large}). The
	 * test profile's limits: 65,536 bytes of content, 262,144 of body.
	 */
	@Test
	void theFastWritePathTakesTheLargestLegalBodyAndLeavesLargerOnes() {
		Api.Response prompt = createPrompt(uniqueName("fastbig"), "Hello");
		String path = "/prompts/" + prompt.text("id");
		String name = prompt.text("name");
		String answered = "promptledger_fastpath_writes_total\\{outcome=\"(answered)\"}";
		String refused = "promptledger_fastpath_writes_total\\{outcome=\"(refused)\"}";
		double answeredBefore = sum(this.api.get("/metrics").send().body(), answered);
		double refusedBefore = sum(this.api.get("/metrics").send().body(), refused);

		Api.Response largest = this.api.put(path).json(body("name", name, "content", "x".repeat(65_536))).send();
		assertThat(largest.status()).isEqualTo(200);
		assertThat(largest.json().path("content").asString()).hasSize(65_536);
		assertProblem(this.api.put(path).json(body("name", name, "content", "x".repeat(65_537))).send(), 413,
				"content_too_large");
		assertProblem(this.api.put(path).json(body("name", name, "content", "x".repeat(300_000))).send(), 413,
				"payload_too_large");

		String metrics = this.api.get("/metrics").send().body();
		assertThat(sum(metrics, answered)).as("the largest legal write, answered by the fast path")
			.isEqualTo(answeredBefore + 1);
		assertThat(sum(metrics, refused)).as("only the content over the limit was handed on")
			.isEqualTo(refusedBefore + 1);
		assertThat(this.api.get(path).send().json().path("latest_version").path("number").asInt()).isEqualTo(2);
	}

	private static void assertSameAnswer(String what, Api.Response full, Api.Response fast) {
		assertThat(fast.status()).as(what).isEqualTo(full.status());
		assertThat(fast.body()).as(what).isEqualTo(full.body());
		assertThat(comparable(fast.headers())).as(what + ": headers").isEqualTo(comparable(full.headers()));
	}

	/**
	 * Headers by lower-case name, without those that say when or how it was sent; a
	 * request id is compared by its presence (each request has its own).
	 */
	private static java.util.Map<String, java.util.List<String>> comparable(
			java.util.Map<String, java.util.List<String>> headers) {
		java.util.Map<String, java.util.List<String>> kept = new java.util.TreeMap<>();
		headers.forEach((name, values) -> {
			String key = name.toLowerCase(java.util.Locale.ROOT);
			if (!java.util.Set.of("date", "keep-alive", "connection", "content-length", "transfer-encoding")
				.contains(key)) {
				kept.put(key, key.equals("x-request-id") ? java.util.List.of("(an id)") : values);
			}
		});
		return kept;
	}

	/** The sum of every series matching {@code series}. */
	private static double sum(String text, String series) {
		Matcher line = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
		double total = 0;
		while (line.find()) {
			total += Double.parseDouble(line.group(2));
		}
		return total;
	}

	private double value(String metric) {
		return value(this.api.get("/metrics").send().body(), metric);
	}

	/** The value of a series, or 0 when nothing has made it yet. */
	private static double valueOrZero(String text, String series) {
		Matcher line = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
		return line.find() ? Double.parseDouble(line.group(1)) : 0;
	}

	/**
	 * The value of one series in Prometheus text: its line is {@code name{labels} value}.
	 */
	private static double value(String text, String series) {
		Matcher line = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
		assertThat(line.find()).as("series " + series + " in /metrics").isTrue();
		return Double.parseDouble(line.group(1));
	}

}
