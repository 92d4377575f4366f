package dev.promptledger.contract;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Labels and Render sections, and reading a prompt at a label, a version, or by name.
 */
abstract class LabelsContract extends ApiTestBase {

	private record Prompt(String id, String name, List<String> versionIds) {
	}

	private Prompt threeVersions() {
		Api.Response created = createPrompt(uniqueName("labelled"), "Hello {{name}}, v1");
		String id = created.text("id");
		this.api.put("/prompts/" + id)
			.json(body("name", created.text("name"), "content", "Hi {{ name }} from {{team}}, v2"))
			.send();
		this.api.put("/prompts/" + id)
			.json(body("name", created.text("name"), "content", "Yo {{name}}, v3 \\{{literal}}"))
			.send();
		List<String> ids = new java.util.ArrayList<>();
		for (int n = 1; n <= 3; n++) {
			ids.add(this.api.get("/prompts/" + id + "/versions/" + n).send().text("version_id"));
		}
		return new Prompt(id, created.text("name"), ids);
	}

	@Test
	void labelsAreCreatedMovedListedAndDeletedWithTheirHistory() {
		Prompt p = threeVersions();
		TestUser maintainer = createUser("maintainer");
		Api.Response set = maintainer.api()
			.put("/prompts/" + p.id() + "/labels/production")
			.json(body("version", 1))
			.send();
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(set.text("label")).isEqualTo("production");
		assertThat(set.text("version_id")).isEqualTo(p.versionIds().get(0));
		assertThat(set.json().get("number").asInt()).isEqualTo(1);
		assertThat(set.text("updated_by")).isEqualTo(maintainer.username());
		assertThat(set.text("updated_at")).endsWith("Z");
		Api.Response moved = maintainer.api()
			.put("/prompts/" + p.id() + "/labels/production")
			.json(body("version", p.versionIds().get(2)))
			.send();
		assertThat(moved.json().get("number").asInt()).isEqualTo(3);
		Api.Response same = this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 3)).send();
		assertThat(same.status()).isEqualTo(200);
		assertThat(same.text("updated_by")).as("a no-op move changes nothing").isEqualTo(maintainer.username());
		this.api.put("/prompts/" + p.id() + "/labels/staging").json(body("version", 2)).send();

		JsonNode labels = this.api.get("/prompts/" + p.id() + "/labels").send().json();
		assertThat(labels.has("next_cursor")).isFalse();
		assertThat(labels.get("items")).hasSize(2);
		assertThat(labels.get("items").get(0).get("label").asString()).isEqualTo("production");
		assertThat(labels.get("items").get(1).get("label").asString()).isEqualTo("staging");

		assertThat(this.api.delete("/prompts/" + p.id() + "/labels/staging").send().status()).isEqualTo(204);
		assertProblem(this.api.delete("/prompts/" + p.id() + "/labels/staging").send(), 404, "label_not_found");
		assertThat(this.api.get("/prompts/" + p.id() + "/labels").send().json().get("items")).hasSize(1);

		Api.Response history = this.api.get("/prompts/" + p.id() + "/labels/production/history").send();
		JsonNode events = history.json().get("items");
		assertThat(events).hasSize(2);
		assertThat(events.get(0).get("from_number").asInt()).isEqualTo(1);
		assertThat(events.get(0).get("to_number").asInt()).isEqualTo(3);
		assertThat(events.get(0).get("actor").asString()).isEqualTo(maintainer.username());
		assertThat(events.get(1).get("from_version_id").isNull()).as("creation").isTrue();
		assertThat(events.get(1).get("to_version_id").asString()).isEqualTo(p.versionIds().get(0));
		JsonNode staging = this.api.get("/prompts/" + p.id() + "/labels/staging/history").send().json().get("items");
		assertThat(staging.get(0).get("to_version_id").isNull()).as("deletion").isTrue();
		assertThat(staging.get(0).get("from_number").asInt()).isEqualTo(2);
		Api.Response paged = this.api.get("/prompts/" + p.id() + "/labels/production/history?limit=1").send();
		assertThat(paged.text("next_cursor")).isNotNull();
		assertProblem(this.api.get("/prompts/" + p.id() + "/labels/never/history").send(), 404, "label_not_found");

		JsonNode audit = this.api.get("/audit?prompt_id=" + p.id() + "&action=label.move").send().json().get("items");
		assertThat(audit).hasSize(3);
		assertThat(audit.get(1).get("details").get("from_number").asInt()).isEqualTo(1);
		assertThat(audit.get(1).get("details").get("to_number").asInt()).isEqualTo(3);
		assertThat(this.api.get("/audit?prompt_id=" + p.id() + "&action=label.delete").send().json().get("items"))
			.hasSize(1);
	}

	@Test
	void labelRequestsAreChecked() {
		Prompt p = threeVersions();
		String labels = "/prompts/" + p.id() + "/labels/";
		assertProblem(this.api.put(labels + "latest").json(body("version", 1)).send(), 400, "validation_failed");
		assertProblem(this.api.delete(labels + "latest").send(), 400, "validation_failed");
		assertProblem(this.api.put(labels + "x".repeat(51)).json(body("version", 1)).send(), 400, "validation_failed");
		assertProblem(this.api.put(labels + "prod").json(body("version", "1")).send(), 400, "validation_failed");
		assertProblem(this.api.put(labels + "prod").json(body("version", 0)).send(), 400, "validation_failed");
		assertProblem(this.api.put(labels + "prod").json(body("version", 1.5)).send(), 400, "validation_failed");
		assertProblem(this.api.put(labels + "prod").json(body()).send(), 400, "validation_failed");
		assertProblem(this.api.put(labels + "prod").json(body("version", 9)).send(), 404, "version_not_found");
		String other = createPrompt(uniqueName("other"), "x").text("id");
		String otherVersion = this.api.get("/prompts/" + other + "/versions/1").send().text("version_id");
		assertProblem(this.api.put(labels + "prod").json(body("version", otherVersion)).send(), 404,
				"version_not_found");
		assertProblem(this.api.put("/prompts/00000000-0000-4000-8000-000000000000/labels/prod")
			.raw("application/json", "{")
			.send(), 404, "prompt_not_found");
		TestUser viewer = createUser("viewer");
		assertProblem(viewer.api().put(labels + "prod").json(body("version", 1)).send(), 403, "forbidden");
		assertProblem(viewer.api().delete(labels + "prod").send(), 403, "forbidden");
		assertThat(viewer.api().get("/prompts/" + p.id() + "/labels").send().status()).isEqualTo(200);
		TestUser editor = createUser("editor");
		assertThat(editor.api().put(labels + "prod").json(body("version", 1)).send().status())
			.as("an editor moves a label without a policy")
			.isEqualTo(200);
		assertThat(editor.api().delete(labels + "prod").send().status()).isEqualTo(204);
		this.api.delete("/prompts/" + p.id()).send();
		assertProblem(this.api.get("/prompts/" + p.id() + "/labels").send(), 404, "prompt_not_found");
	}

	@Test
	void aPromptIsReadAtALabelAVersionOrByName() {
		Prompt p = threeVersions();
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 2)).send();
		Api.Response atLabel = this.api.get("/prompts/" + p.id() + "?label=production").send();
		assertThat(atLabel.status()).isEqualTo(200);
		assertThat(atLabel.json().get("version").asInt()).isEqualTo(2);
		assertThat(atLabel.text("content")).isEqualTo("Hi {{ name }} from {{team}}, v2");
		assertThat(atLabel.json().get("latest_version").get("number").asInt()).isEqualTo(3);
		assertThat(etag(atLabel)).isEqualTo("\"" + p.versionIds().get(1) + "\"");
		assertThat(this.api.get("/prompts/" + p.id() + "?label=production")
			.header("If-None-Match", etag(atLabel))
			.send()
			.status()).isEqualTo(304);
		assertThat(this.api.get("/prompts/" + p.id() + "?label=latest").send().json().get("version").asInt())
			.isEqualTo(3);
		Api.Response atVersion = this.api.get("/prompts/" + p.id() + "?version=1").send();
		assertThat(atVersion.text("content")).isEqualTo("Hello {{name}}, v1");
		assertThat(etag(atVersion)).isEqualTo("\"" + p.versionIds().get(0) + "\"");
		assertProblem(this.api.get("/prompts/" + p.id() + "?label=nope").send(), 404, "label_not_found");
		assertProblem(this.api.get("/prompts/" + p.id() + "?version=7").send(), 404, "version_not_found");
		assertProblem(this.api.get("/prompts/" + p.id() + "?version=1&label=production").send(), 400,
				"invalid_parameter");

		Api.Response byName = this.api.get("/prompts/lookup?name=" + p.name() + "&label=production").send();
		assertThat(byName.status()).isEqualTo(200);
		assertThat(byName.text("id")).isEqualTo(p.id());
		assertThat(byName.json().get("version").asInt()).isEqualTo(2);
		assertThat(this.api.get("/prompts/lookup?name=" + p.name() + "&label=production")
			.header("If-None-Match", etag(byName))
			.send()
			.status()).isEqualTo(304);
		Api.Response latest = this.api.get("/prompts/lookup?name=" + p.name()).send();
		assertThat(latest.json().get("version").asInt()).isEqualTo(3);
		assertProblem(this.api.get("/prompts/lookup?name=no-such-" + p.name()).send(), 404, "prompt_not_found");
		assertProblem(this.api.get("/prompts/lookup").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/lookup?name=" + p.name() + "&label=nope").send(), 404, "label_not_found");

		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 3)).send();
		assertThat(this.api.get("/prompts/lookup?name=" + p.name() + "&label=production")
			.send()
			.json()
			.get("version")
			.asInt()).as("a moved label is served at once").isEqualTo(3);
		String renamed = uniqueName("renamed");
		this.api.patch("/prompts/" + p.id()).raw("application/json", "{\"name\":\"" + renamed + "\"}").send();
		assertProblem(this.api.get("/prompts/lookup?name=" + p.name()).send(), 404, "prompt_not_found");
		assertThat(this.api.get("/prompts/lookup?name=" + renamed).send().text("id")).isEqualTo(p.id());
	}

	@Test
	void versionsListTheirVariablesAndRenderFillsThemIn() {
		Prompt p = threeVersions();
		JsonNode v2 = this.api.get("/prompts/" + p.id() + "/versions/2").send().json();
		assertThat(PromptsContract.texts(v2.get("variables"))).containsExactly("name", "team");
		JsonNode listed = this.api.get("/prompts/" + p.id() + "/versions").send().json().get("items");
		assertThat(PromptsContract.texts(listed.get(0).get("variables"))).as("escaped placeholders are text")
			.containsExactly("name");

		Api.Response rendered = this.api.post("/prompts/" + p.id() + "/render")
			.json(body("variables", body("name", "Ada", "unused", "x")))
			.send();
		assertThat(rendered.status()).as(rendered.body()).isEqualTo(200);
		assertThat(rendered.text("content")).isEqualTo("Yo Ada, v3 {{literal}}");
		assertThat(rendered.json().get("version").asInt()).isEqualTo(3);
		assertThat(PromptsContract.texts(rendered.json().get("variables_used"))).containsExactly("name");

		Api.Response atVersion = this.api.post("/prompts/" + p.id() + "/render")
			.json(body("variables", body("name", "Ada", "team", "$1 \\o/"), "version", 2))
			.send();
		assertThat(atVersion.text("content")).isEqualTo("Hi Ada from $1 \\o/, v2");
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 1)).send();
		assertThat(this.api.post("/prompts/" + p.id() + "/render")
			.json(body("variables", body("name", "B"), "label", "production"))
			.send()
			.text("content")).isEqualTo("Hello B, v1");

		Api.Response missing = this.api.post("/prompts/" + p.id() + "/render")
			.json(body("variables", body(), "version", 2))
			.send();
		assertProblem(missing, 400, "missing_variables");
		assertThat(PromptsContract.texts(missing.json().get("missing"))).containsExactly("name", "team");
		assertProblem(this.api.post("/prompts/" + p.id() + "/render").json(body("variables", body("name", 42))).send(),
				400, "validation_failed");
		assertProblem(this.api.post("/prompts/" + p.id() + "/render").json(body("variables", "name")).send(), 400,
				"validation_failed");
		assertProblem(
				this.api.post("/prompts/" + p.id() + "/render").json(body("variables", body(), "label", "nope")).send(),
				404, "label_not_found");
		TestUser viewer = createUser("viewer");
		assertThat(viewer.api()
			.post("/prompts/" + p.id() + "/render")
			.json(body("variables", body("name", "V")))
			.send()
			.status()).isEqualTo(200);
	}

	/**
	 * A short value used many times must not make an answer (or a buffer) many times the
	 * content limit: the size is computed first and an answer over the limit is refused
	 * before it is built. Bodies are bounded in tokens too, so that a body of tiny
	 * members cannot become a huge tree.
	 */
	@Test
	void renderOutputAndRequestTreesAreBounded() {
		String content = "{{v}}\n".repeat(10);
		String id = createPrompt(uniqueName("render-bound"), content).text("id");
		String value = "é".repeat(3_500); // 7,000 bytes, ten times: over the tests' 64
											// KiB limit
		Api.Response tooLarge = this.api.post("/prompts/" + id + "/render")
			.json(body("variables", body("v", value)))
			.send();
		assertProblem(tooLarge, 413, "render_too_large");
		assertThat(tooLarge.json().get("size").asLong()).isEqualTo(10 * (7_000 + 1));
		Api.Response fits = this.api.post("/prompts/" + id + "/render")
			.json(body("variables", body("v", value.substring(0, 3_000))))
			.send();
		assertThat(fits.status()).isEqualTo(200);
		assertThat(fits.text("content")).hasSize(10 * 3_001);

		String manyTokens = "{\"variables\": [" + "[],".repeat(60_000) + "[]]}";
		assertProblem(this.api.post("/prompts/" + id + "/render").raw("application/json", manyTokens).send(), 400,
				"malformed_json");
	}

	/** The in-memory fast path answers exactly as the full stack did. */
	@Test
	void repeatedReadsAnswerWithTheSameBytesAndHeaders() {
		Prompt p = threeVersions();
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 2)).send();
		for (String path : List.of("/prompts/lookup?name=" + p.name() + "&label=production", "/prompts/" + p.id(),
				"/prompts/" + p.id() + "?version=1", "/prompts/" + p.id() + "?label=production")) {
			Api.Response first = this.api.get(path).send();
			Api.Response second = this.api.get(path).send();
			Api.Response third = this.api.get(path).send();
			assertThat(first.status()).isEqualTo(200);
			assertThat(second.body()).as(path).isEqualTo(first.body());
			assertThat(third.body()).as(path).isEqualTo(first.body());
			for (String header : List.of("Content-Type", "ETag", "Cache-Control", "X-Content-Type-Options",
					"X-Frame-Options")) {
				assertThat(third.header(header)).as(path + " " + header).isEqualTo(first.header(header));
			}
			Api.Response notModified = this.api.get(path).header("If-None-Match", etag(first)).send();
			assertThat(notModified.status()).isEqualTo(304);
			assertThat(etag(notModified)).isEqualTo(etag(first));
		}
		assertProblem(this.api.as("plg_unknown_token").get("/prompts/" + p.id()).send(), 401, "unauthorized");
		assertProblem(this.api.get("/prompts/" + p.id()).anonymous().send(), 401, "unauthorized");
		TestUser viewer = createUser("viewer");
		assertThat(viewer.api().get("/prompts/" + p.id()).send().status()).isEqualTo(200);
		this.api.patch("/users/" + viewer.username()).raw("application/json", "{\"disabled\": true}").send();
		assertProblem(viewer.api().get("/prompts/" + p.id()).send(), 401, "unauthorized");
	}

	/**
	 * A change made behind the service's back shows that hot reads come from memory, and
	 * no-cache skips it.
	 */
	@Test
	void hotReadsComeFromMemoryAndNoCacheReadsTheDatabase() {
		Prompt p = threeVersions();
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 2)).send();
		String path = "/prompts/" + p.id() + "?label=production";
		assertThat(this.api.get(path).send().json().get("version").asInt()).isEqualTo(2);
		this.jdbc.sql("UPDATE prompt_label SET version_id = ? WHERE prompt_id = ? AND name = 'production'")
			.params(java.util.UUID.fromString(p.versionIds().get(0)), java.util.UUID.fromString(p.id()))
			.update();
		assertThat(this.api.get(path).send().json().get("version").asInt()).as("served from the cache").isEqualTo(2);
		Api.Response fresh = this.api.get(path).header("Cache-Control", "no-cache").send();
		assertThat(fresh.json().get("version").asInt()).as("no-cache reads the database").isEqualTo(1);
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 3)).send();
		assertThat(this.api.get(path).send().json().get("version").asInt()).as("a write invalidates").isEqualTo(3);
	}

	/**
	 * The label timeline: what a label pointed to at any moment, from its history;
	 * nothing before it was set or after it was deleted.
	 */
	@Test
	void theTimelineSaysWhatALabelPointedToAtAnyMoment() throws InterruptedException {
		Prompt p = threeVersions();
		String at = "/prompts/" + p.id() + "/labels/production/at?time=";
		String before = java.time.Instant.now().minusSeconds(60).toString();
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 1)).send();
		Thread.sleep(5);
		this.api.put("/prompts/" + p.id() + "/labels/production").json(body("version", 3)).send();
		Thread.sleep(5);
		assertThat(this.api.delete("/prompts/" + p.id() + "/labels/production").send().status()).isEqualTo(204);
		JsonNode events = this.api.get("/prompts/" + p.id() + "/labels/production/history").send().json().get("items");
		String created = events.get(2).get("at").asString();
		String moved = events.get(1).get("at").asString();
		String deleted = events.get(0).get("at").asString();

		assertProblem(this.api.get(at + before).send(), 404, "label_not_found");
		Api.Response first = this.api.get(at + created).send();
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.text("label")).isEqualTo("production");
		assertThat(first.text("version_id")).isEqualTo(p.versionIds().get(0));
		assertThat(first.json().get("number").asInt()).isEqualTo(1);
		assertThat(first.text("since")).isEqualTo(created);
		String between = java.time.Instant.parse(moved).minusMillis(1).toString();
		assertThat(this.api.get(at + between).send().json().get("number").asInt()).isEqualTo(1);
		Api.Response second = this.api.get(at + moved).send();
		assertThat(second.json().get("number").asInt()).isEqualTo(3);
		assertThat(second.text("since")).isEqualTo(moved);
		assertProblem(this.api.get(at + deleted).send(), 404, "label_not_found");
		assertProblem(this.api.get(at + java.time.Instant.now().plusSeconds(60)).send(), 404, "label_not_found");
		assertThat(this.api.get(at + moved.replace("Z", "%2B00:00")).send().status()).as("any offset").isEqualTo(200);
		assertProblem(this.api.get(at + "yesterday").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/" + p.id() + "/labels/production/at").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/" + p.id() + "/labels/staging/at?time=" + moved).send(), 404,
				"label_not_found");
		assertThat(this.api.delete("/prompts/" + p.id()).send().status()).isEqualTo(204);
		assertProblem(this.api.get(at + moved).send(), 404, "prompt_not_found");
	}

}
