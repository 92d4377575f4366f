package dev.promptledger.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured prompts (2nd edition): chat messages, config and tags through writes, reads,
 * diffs, revert and render.
 */
abstract class StructuredPromptsContract extends ApiTestBase {

	private static Map<String, Object> message(String role, String content) {
		return body("role", role, "content", content);
	}

	private static Map<String, Object> placeholder(String name) {
		return body("type", "placeholder", "name", name);
	}

	private Api.Response createChat(String name, List<Object> messages, Map<String, Object> config) {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", name, "type", "chat", "messages", messages, "config", config, "tags",
					List.of("support", "beta")))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created;
	}

	@Test
	void aChatPromptIsWrittenAndReadWithItsMessagesConfigAndTags() {
		String name = uniqueName("chat");
		Api.Response created = createChat(name,
				List.of(message("system", "You answer {{topic}} questions."), placeholder("history"),
						message("user", "{{question}}")),
				body("model", "gpt-4o", "temperature", 0.2, "response_format", body("type", "json_object")));
		JsonNode prompt = created.json();
		assertThat(prompt.get("type").asString()).isEqualTo("chat");
		assertThat(prompt.has("content")).isFalse();
		assertThat(prompt.get("messages")).hasSize(3);
		assertThat(prompt.get("messages").get(1).get("type").asString()).isEqualTo("placeholder");
		assertThat(prompt.get("messages").get(1).get("name").asString()).isEqualTo("history");
		assertThat(prompt.get("config").get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(prompt.get("tags").toString()).isEqualTo("[\"beta\",\"support\"]");
		assertThat(prompt.get("latest_version").get("variables").toString())
			.isEqualTo("[\"topic\",\"history\",\"question\"]");
		assertThat(prompt.get("latest_version").get("summary").get("fields_changed").toString())
			.isEqualTo("[\"name\",\"messages\",\"config\"]");

		String id = created.text("id");
		for (int i = 0; i < 2; i++) {
			JsonNode read = this.api.get("/prompts/" + id).send().json();
			assertThat(read.get("messages")).isEqualTo(prompt.get("messages"));
			assertThat(read.get("config")).isEqualTo(prompt.get("config"));
			JsonNode byName = this.api.get("/prompts/lookup?name=" + name).send().json();
			assertThat(byName.get("messages")).isEqualTo(prompt.get("messages"));
		}
		JsonNode version = this.api.get("/prompts/" + id + "/versions/1").send().json();
		assertThat(version.get("type").asString()).isEqualTo("chat");
		assertThat(version.get("messages")).isEqualTo(prompt.get("messages"));
		assertThat(version.get("config")).isEqualTo(prompt.get("config"));
		JsonNode listed = this.api.get("/prompts/" + id + "/versions").send().json().get("items").get(0);
		assertThat(listed.has("messages")).as("lists leave the body out").isFalse();
		assertThat(this.api.get("/prompts?q=" + name).send().json().get("items").get(0).get("tags")).hasSize(2);
	}

	@Test
	void aChatWithOneMessageAndOneWithTwoHundredAreFine() {
		createChat(uniqueName("one"), List.of(message("user", "hi")), body());
		List<Object> many = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			many.add(message(i % 2 == 0 ? "user" : "assistant", "turn " + i));
		}
		createChat(uniqueName("many"), many, body());
		many.add(message("user", "one too many"));
		Api.Response tooMany = this.api.post("/prompts")
			.json(body("name", uniqueName("toomany"), "type", "chat", "messages", many))
			.send();
		assertProblem(tooMany, 400, "validation_failed");
		assertThat(tooMany.body()).contains("messages");
		// the whole of the messages is bounded by the content limit (64 KiB in the tests)
		Api.Response tooLarge = this.api.post("/prompts")
			.json(body("name", uniqueName("large"), "type", "chat", "messages",
					List.of(message("system", "s".repeat(40_000)), message("user", "u".repeat(40_000)))))
			.send();
		assertProblem(tooLarge, 413, "content_too_large");
	}

	@Test
	void typesAreFixedAndEachHasItsOwnBody() {
		String name = uniqueName("typed");
		assertFieldRefused(this.api.post("/prompts")
			.json(body("name", name, "type", "chat", "content", "text", "messages", List.of(message("user", "x"))))
			.send(), "content");
		assertFieldRefused(this.api.post("/prompts").json(body("name", name, "type", "chat")).send(), "messages");
		assertFieldRefused(
				this.api.post("/prompts").json(body("name", name, "messages", List.of(message("user", "x")))).send(),
				"messages");
		assertFieldRefused(this.api.post("/prompts").json(body("name", name, "type", "json", "content", "x")).send(),
				"type");
		String text = createPrompt(name, "plain").text("id");
		assertFieldRefused(
				this.api.patch("/prompts/" + text).json(body("messages", List.of(message("user", "x")))).send(),
				"messages");
		assertFieldRefused(this.api.patch("/prompts/" + text).json(body("type", "chat")).send(), "type");
		String chat = createChat(uniqueName("typed"), List.of(message("user", "x")), body()).text("id");
		assertFieldRefused(this.api.patch("/prompts/" + chat).json(body("content", "text")).send(), "content");
		assertFieldRefused(this.api.put("/prompts/" + chat).json(body("name", uniqueName("n"), "content", "x")).send(),
				"content");
		assertThat(this.api.get("/prompts/" + chat).send().json().get("version").asInt()).isEqualTo(1);
	}

	@Test
	void rolesAndPlaceholdersFollowTheirRules() {
		for (Object bad : List.of(message("Système", "x"), message("", "x"), message("user", null),
				body("role", "user", "content", "x", "name", "n"), body("type", "placeholder", "name", "1st"),
				body("type", "message", "name", "x"), "just text")) {
			Api.Response refused = this.api.post("/prompts")
				.json(body("name", uniqueName("rules"), "type", "chat", "messages", List.of(bad)))
				.send();
			assertProblem(refused, 400, "validation_failed");
			assertThat(refused.json().get("errors").get(0).get("field").asString()).startsWith("messages[0]");
		}
	}

	@Test
	void configLimitsAreNamedAndNumbersAreValues() {
		Map<String, Object> deep = body("leaf", 1);
		for (int i = 0; i < 20; i++) {
			deep = body("d", deep);
		}
		Api.Response tooDeep = this.api.post("/prompts")
			.json(body("name", uniqueName("deep"), "content", "x", "config", deep))
			.send();
		assertProblem(tooDeep, 400, "validation_failed");
		assertThat(tooDeep.body()).contains("20 levels");
		Api.Response huge = this.api.post("/prompts")
			.json(body("name", uniqueName("huge"), "content", "x", "config", body("blob", "x".repeat(70_000))))
			.send();
		assertProblem(huge, 400, "validation_failed");
		assertThat(huge.body()).contains("65536 bytes");
		assertFieldRefused(this.api.post("/prompts")
			.json(body("name", uniqueName("notobject"), "content", "x", "config", List.of(1)))
			.send(), "config");

		Api.Response created = this.api.post("/prompts")
			.raw("application/json", "{\"name\": \"" + uniqueName("numbers")
					+ "\", \"content\": \"x\", \"config\": {\"temperature\": 1.0, \"top_p\": 0.50, \"big\": 1e3}}")
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("config").toString()).isEqualTo("{\"temperature\":1,\"top_p\":0.5,\"big\":1000}");
		String id = created.text("id");
		Api.Response same = this.api.patch("/prompts/" + id)
			.raw("application/json", "{\"config\": {\"temperature\": 1}}")
			.send();
		assertThat(same.json().get("version").asInt()).as("1 and 1.0 are the same number: no version").isEqualTo(1);
		assertFieldRefused(
				this.api.patch("/prompts/" + id).raw("application/json", "{\"config\": {\"t\": 1e400}}").send(),
				"config");
	}

	@Test
	void patchMergesConfigAndAChangedConfigIsAVersionThatRevertRestores() {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("merge"), "content", "Hello", "config",
					body("model", "a", "temperature", 0.7, "stop", List.of("\n"))))
			.send();
		String id = created.text("id");
		Api.Response patched = this.api.patch("/prompts/" + id)
			.header("Content-Type", "application/merge-patch+json")
			.raw("application/merge-patch+json", "{\"config\": {\"temperature\": 0.2, \"stop\": null, \"seed\": 7}}")
			.send();
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().get("config").toString())
			.isEqualTo("{\"model\":\"a\",\"temperature\":0.2,\"seed\":7}");
		assertThat(patched.json().get("version").asInt()).isEqualTo(2);
		assertThat(patched.json().get("latest_version").get("summary").get("fields_changed").toString())
			.isEqualTo("[\"config\"]");

		JsonNode diff = this.api.get("/prompts/" + id + "/versions/2/diff").send().json();
		assertThat(diff.get("hunks")).isEmpty();
		List<String> ops = new ArrayList<>();
		for (JsonNode op : diff.get("config")) {
			ops.add(op.get("op").asString() + " " + op.get("path").asString());
		}
		assertThat(ops).containsExactlyInAnyOrder("replace /temperature", "remove /stop", "add /seed");

		Api.Response reverted = this.api.post("/prompts/" + id + "/versions/1/revert")
			.json(body("confirm", true))
			.send();
		assertThat(reverted.status()).as(reverted.body()).isEqualTo(201);
		assertThat(reverted.json().get("config")).isEqualTo(created.json().get("config"));
		Api.Response cleared = this.api.patch("/prompts/" + id).raw("application/json", "{\"config\": null}").send();
		assertThat(cleared.json().get("config").toString()).isEqualTo("{}");
	}

	@Test
	void chatDiffsGoMessageByMessage() {
		Api.Response created = createChat(uniqueName("diff"), List.of(message("system", "Be brief."),
				message("user", "Question one\nline two"), message("assistant", "Answer")), body("model", "m1"));
		String id = created.text("id");
		Api.Response edited = this.api.patch("/prompts/" + id)
			.json(body("messages",
					List.of(message("developer", "Be brief."), message("user", "Question one\nline 2"),
							message("assistant", "Answer"), message("user", "More?")),
					"config", body("model", "m2")))
			.send();
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		JsonNode diff = this.api.get("/prompts/" + id + "/versions/2/diff").send().json();
		JsonNode messages = diff.get("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(0).get("op").asString()).as("a role change is a change").isEqualTo("change");
		assertThat(messages.get(0).get("role").asString()).isEqualTo("developer");
		assertThat(messages.get(0).get("from_role").asString()).isEqualTo("system");
		assertThat(messages.get(1).get("op").asString()).isEqualTo("change");
		assertThat(messages.get(1).get("hunks").get(0).get("lines").toString()).contains("line 2");
		assertThat(messages.get(2).get("op").asString()).isEqualTo("same");
		assertThat(messages.get(3).get("op").asString()).isEqualTo("add");
		assertThat(messages.get(3).get("to_index").asInt()).isEqualTo(3);
		assertThat(messages.get(3).get("from_index").isNull()).isTrue();
		assertThat(diff.get("config").get(0).get("op").asString()).isEqualTo("replace");
		assertThat(diff.get("unified").asString()).contains("-### system", "+### developer", "-  \"model\" : \"m1\"",
				"+  \"model\" : \"m2\"");
		assertThat(diff.get("summary").get("fields_changed").toString()).isEqualTo("[\"messages\",\"config\"]");

		Api.Response reordered = this.api.patch("/prompts/" + id)
			.json(body("messages",
					List.of(message("user", "More?"), message("developer", "Be brief."),
							message("user", "Question one\nline 2"), message("assistant", "Answer"))))
			.send();
		assertThat(reordered.json().get("version").asInt()).isEqualTo(3);
		JsonNode moved = this.api.get("/prompts/" + id + "/versions/3/diff").send().json().get("messages");
		List<String> ops = new ArrayList<>();
		moved.forEach(step -> ops.add(step.get("op").asString()));
		assertThat(ops).containsExactly("add", "same", "same", "same", "remove");

		Api.Response noop = this.api.put("/prompts/" + id)
			.json(body("name", created.text("name"), "messages",
					List.of(message("user", "More?"), message("developer", "Be brief."),
							message("user", "Question one\nline 2"), message("assistant", "Answer")),
					"config", body("model", "m2")))
			.send();
		assertThat(noop.status()).isEqualTo(200);
		assertThat(noop.json().get("version").asInt()).as("a no-op PUT of a chat makes no version").isEqualTo(3);
		JsonNode preview = this.api.post("/prompts/" + id + "/versions/1/revert?dry_run=true")
			.json(body())
			.send()
			.json()
			.get("preview");
		assertThat(preview.get("messages")).isNotEmpty();
		assertThat(preview.get("config")).isNotEmpty();
	}

	@Test
	void chatPromptsRenderToMessagesByIdAndByName() {
		String name = uniqueName("render");
		String id = createChat(name,
				List.of(message("system", "Topic: {{topic}}"), placeholder("history"), message("user", "{{history}}")),
				body("model", "m"))
			.text("id");
		Api.Response rendered = this.api.post("/prompts/" + id + "/render")
			.json(body("variables", body("topic", "tea", "history", "as text", "extra", "x"), "placeholders",
					body("history", List.of(message("user", "earlier"), message("assistant", "reply")))))
			.send();
		assertThat(rendered.status()).as(rendered.body()).isEqualTo(200);
		JsonNode out = rendered.json();
		assertThat(out.get("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":\"Topic: tea\"},"
				+ "{\"role\":\"user\",\"content\":\"earlier\"},{\"role\":\"assistant\",\"content\":\"reply\"},"
				+ "{\"role\":\"user\",\"content\":\"as text\"}]");
		assertThat(out.get("config").get("model").asString()).isEqualTo("m");
		assertThat(out.get("variables_unused").toString()).isEqualTo("[\"extra\"]");
		Api.Response missing = this.api.post("/prompts/lookup/render?name=" + name)
			.json(body("variables", body("topic", "tea")))
			.send();
		assertProblem(missing, 400, "missing_variables");
		assertThat(missing.json().get("missing").toString()).isEqualTo("[\"history\"]");
		Api.Response byName = this.api.post("/prompts/lookup/render?name=" + name)
			.json(body("variables", body("topic", "t", "history", "h"), "placeholders", body("history", List.of())))
			.send();
		assertThat(byName.status()).as(byName.body()).isEqualTo(200);
		assertThat(byName.json().get("messages")).hasSize(2);
		assertProblem(this.api.post("/prompts/lookup/render?name=" + uniqueName("none"))
			.json(body("variables", body()))
			.send(), 404, "prompt_not_found");
		Api.Response tooLarge = this.api.post("/prompts/" + id + "/render")
			.json(body("variables", body("topic", "x".repeat(40_000), "history", "y".repeat(40_000)), "placeholders",
					body("history", List.of())))
			.send();
		assertProblem(tooLarge, 413, "render_too_large");
	}

	@Test
	void tagsChangeWithoutAVersionAndAreAudited() {
		Api.Response created = createPrompt(uniqueName("tags"), "x");
		String id = created.text("id");
		Api.Response tagged = this.api.patch("/prompts/" + id).json(body("tags", List.of("b", "a"))).send();
		assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
		assertThat(tagged.json().get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(tagged.json().get("version").asInt()).isEqualTo(1);
		assertThat(this.api.get("/prompts/" + id).send().json().get("tags")).hasSize(2);
		JsonNode audit = this.api.get("/audit?prompt_id=" + id + "&action=prompt.tags").send().json().get("items");
		assertThat(audit).hasSize(1);
		assertFieldRefused(this.api.patch("/prompts/" + id).json(body("tags", List.of("a", "a"))).send(), "tags[1]");
		assertFieldRefused(this.api.patch("/prompts/" + id).json(body("tags", List.of("no spaces"))).send(), "tags[0]");
	}

	@Test
	void labelsInAWriteAreSetToTheVersionItMakes() {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("labelled"), "content", "v1", "labels", List.of("production")))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.text("id");
		assertThat(this.api.get("/prompts/" + id + "?label=production").send().json().get("version").asInt())
			.isEqualTo(1);
		this.api.patch("/prompts/" + id).json(body("content", "v2", "labels", List.of("production", "staging"))).send();
		Api.Response production = this.api.get("/prompts/" + id + "?label=production").send();
		assertThat(production.json().get("version").asInt()).isEqualTo(2);
		assertThat(production.text("content")).isEqualTo("v2");
		TestUser viewer = createUser("viewer");
		Api.Response refused = viewer.api()
			.patch("/prompts/" + id)
			.json(body("content", "v3", "labels", List.of("production")))
			.send();
		assertProblem(refused, 403, "forbidden");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt())
			.as("a refused label leaves nothing written")
			.isEqualTo(2);
		Api.Response latest = this.api.patch("/prompts/" + id).json(body("labels", List.of("latest"))).send();
		assertProblem(latest, 400, "validation_failed");
	}

	@Test
	void labelsAppearOnEveryPromptAndVersionObjectAndAMoveKeepsItsReason() {
		Api.Response created = createPrompt(uniqueName("shown"), "v1");
		String id = created.text("id");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "v2")).send();
		Api.Response moved = this.api.put("/prompts/" + id + "/labels/production")
			.json(body("version", 1, "message", "v2 fails the eval; back to v1"))
			.send();
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		this.api.put("/prompts/" + id + "/labels/canary").json(body("version", 2)).send();
		this.api.put("/prompts/" + id + "/labels/beta").json(body("version", 2)).send();

		for (int i = 0; i < 2; i++) {
			JsonNode atLabel = this.api.get("/prompts/" + id + "?label=production").send().json();
			assertThat(atLabel.get("version").asInt()).as("the version served").isEqualTo(1);
			assertThat(atLabel.get("content").asString()).isEqualTo("v1");
			assertThat(atLabel.get("labels").toString()).isEqualTo("[\"production\"]");
			assertThat(atLabel.get("latest_version").get("number").asInt()).as("what the latest is").isEqualTo(2);
			assertThat(atLabel.get("latest_version").get("labels").toString()).isEqualTo("[\"beta\",\"canary\"]");
		}
		JsonNode versions = this.api.get("/prompts/" + id + "/versions").send().json().get("items");
		assertThat(versions.get(0).get("labels").toString()).isEqualTo("[\"beta\",\"canary\"]");
		assertThat(versions.get(1).get("labels").toString()).isEqualTo("[\"production\"]");
		Api.Response v1 = this.api.get("/prompts/" + id + "/versions/1").send();
		assertThat(v1.json().get("labels").toString()).isEqualTo("[\"production\"]");
		assertThat(this.api.get("/prompts/" + id + "/versions/1").header("If-None-Match", etag(v1)).send().status())
			.isEqualTo(304);
		this.api.delete("/prompts/" + id + "/labels/production").send();
		Api.Response after = this.api.get("/prompts/" + id + "/versions/1").header("If-None-Match", etag(v1)).send();
		assertThat(after.status()).as("the labels of a version changed: no 304").isEqualTo(200);
		assertThat(after.json().get("labels")).isEmpty();
		JsonNode listed = this.api.get("/prompts?q=" + created.text("name")).send().json().get("items").get(0);
		assertThat(listed.get("labels").toString()).isEqualTo("[\"beta\",\"canary\"]");

		JsonNode history = this.api.get("/prompts/" + id + "/labels/production/history").send().json().get("items");
		assertThat(history.get(1).get("message").asString()).isEqualTo("v2 fails the eval; back to v1");
		assertThat(history.get(0).get("message").isNull()).isTrue();
		JsonNode audit = this.api.get("/audit?prompt_id=" + id + "&action=label.move").send().json().get("items");
		assertThat(audit.toString()).contains("v2 fails the eval; back to v1");
		assertFieldRefused(this.api.put("/prompts/" + id + "/labels/production")
			.json(body("version", 1, "message", "x".repeat(2001)))
			.send(), "message");
	}

	/**
	 * A tag filter reads its page from the tag's own rows, which carry their prompt's
	 * sort keys: every change of a prompt (a version, a rename, a deletion, its tags)
	 * shows in the filtered list's membership, order and cursors at once.
	 */
	@Test
	void aTagFilterFollowsEveryChangeOfItsPrompts() {
		String tag = uniqueName("team");
		String other = uniqueName("area");
		String a = tagged(uniqueName("tagged/c"), List.of(tag));
		String b = tagged(uniqueName("tagged/a"), List.of(tag, other));
		String c = tagged(uniqueName("tagged/b"), List.of(tag));
		String untagged = createPrompt(uniqueName("tagged/none"), "x").text("id");
		String list = "/prompts?tag=" + tag;
		assertThat(ids(this.api.get(list).send())).containsExactly(c, b, a);
		assertThat(ids(this.api.get(list + "&tag=" + other).send())).containsExactly(b);

		this.api.patch("/prompts/" + a).json(body("content", "a newer version")).send();
		assertThat(ids(this.api.get(list).send())).as("a new version moves it first").containsExactly(a, c, b);
		assertThat(ids(this.api.get(list + "&sort=created_at").send())).containsExactly(c, b, a);
		this.api.patch("/prompts/" + c).json(body("name", uniqueName("tagged/0"))).send();
		assertThat(ids(this.api.get(list + "&sort=name").send())).as("renamed").containsExactly(c, b, a);
		assertThat(ids(this.api.get(list).send())).containsExactly(c, a, b);

		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			Api.Response page = this.api.get(list + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).send();
			walked.addAll(ids(page));
			cursor = page.json().get("next_cursor").isNull() ? null : page.text("next_cursor");
		}
		while (cursor != null);
		assertThat(walked).as("page by page").containsExactly(c, a, b);

		Api.Response tagging = this.api.patch("/prompts/" + untagged).json(body("tags", List.of(tag))).send();
		assertThat(tagging.status()).as(tagging.body()).isEqualTo(200);
		assertThat(ids(this.api.get(list + "&sort=created_at").send())).as("tagged later")
			.containsExactly(untagged, c, b, a);
		this.api.patch("/prompts/" + b).json(body("tags", List.of(other))).send();
		assertThat(this.api.delete("/prompts/" + a).send().status()).isEqualTo(204);
		assertThat(ids(this.api.get(list).send())).as("untagged and deleted ones leave")
			.containsExactlyInAnyOrder(untagged, c);
	}

	private String tagged(String name, List<String> tags) {
		Api.Response created = this.api.post("/prompts").json(body("name", name, "content", "x", "tags", tags)).send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("id");
	}

	@Test
	void promptsAreFoundByNameDescriptionContentAndMessagesFilteredByTagsAndSorted() {
		String marker = "zq" + uniqueName("w").substring(2).replace("-", "");
		Api.Response byContent = this.api.post("/prompts")
			.json(body("name", uniqueName("find/a"), "content", "Look for " + marker.toUpperCase() + " here", "tags",
					List.of("find", "one")))
			.send();
		Api.Response byDescription = this.api.post("/prompts")
			.json(body("name", uniqueName("find/b"), "content", "nothing", "description", "about " + marker, "tags",
					List.of("find")))
			.send();
		Api.Response byMessage = this.api.post("/prompts")
			.json(body("name", uniqueName("find/c"), "type", "chat", "messages",
					List.of(message("system", "x"), message("user", "the " + marker + " question")), "tags",
					List.of("find", "one")))
			.send();
		createPrompt(uniqueName("find/d"), "unrelated");

		assertThat(ids(this.api.get("/prompts?q=" + marker).send())).containsExactly(byMessage.text("id"),
				byDescription.text("id"), byContent.text("id"));
		assertThat(ids(this.api.get("/prompts?q=" + marker + "&tag=one").send())).containsExactly(byMessage.text("id"),
				byContent.text("id"));
		assertThat(ids(this.api.get("/prompts?q=" + marker + "&tag=one&tag=find").send())).hasSize(2);
		assertThat(ids(this.api.get("/prompts?q=" + marker + "&tag=none").send())).isEmpty();

		this.api.patch("/prompts/" + byContent.text("id")).json(body("content", "changed")).send();
		assertThat(ids(this.api.get("/prompts?q=" + marker).send())).as("the current content only")
			.containsExactly(byMessage.text("id"), byDescription.text("id"));
		this.api.patch("/prompts/" + byDescription.text("id")).json(body("content", "touched")).send();
		assertThat(ids(this.api.get("/prompts?q=" + marker).send())).as("the most recently changed first")
			.containsExactly(byDescription.text("id"), byMessage.text("id"));
		assertThat(ids(this.api.get("/prompts?q=" + marker + "&sort=created_at").send()))
			.containsExactly(byMessage.text("id"), byDescription.text("id"));
		assertThat(ids(this.api.get("/prompts?q=" + marker + "&sort=name").send()))
			.containsExactly(byDescription.text("id"), byMessage.text("id"));

		Api.Response first = this.api.get("/prompts?q=" + marker + "&sort=name&limit=1").send();
		assertThat(ids(first)).containsExactly(byDescription.text("id"));
		Api.Response second = this.api
			.get("/prompts?q=" + marker + "&sort=name&limit=1&cursor=" + first.text("next_cursor"))
			.send();
		assertThat(ids(second)).containsExactly(byMessage.text("id"));
		assertThat(second.json().get("next_cursor").isNull()).isTrue();
		assertProblem(
				this.api.get("/prompts?q=" + marker + "&sort=created_at&limit=1&cursor=" + first.text("next_cursor"))
					.send(),
				400, "invalid_cursor");
		assertProblem(this.api.get("/prompts?sort=size").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts?tag=not%20a%20tag").send(), 400, "invalid_parameter");
	}

	/**
	 * On PostgreSQL the search is a trigram index's: with 20,000 prompts (written in a
	 * transaction that is rolled back) and no sequential scan, the planner answers the
	 * list's condition from it rather than from a b-tree of every live prompt.
	 */
	@Test
	void onPostgresTheSearchUsesItsIndex() throws java.sql.SQLException {
		try (java.sql.Connection connection = this.dataSource.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
				return;
			}
			connection.setAutoCommit(false);
			try {
				statement.execute("""
						INSERT INTO prompt (id, live_name, name_key, head_version_id, head_number, created_at,
						  created_by, updated_at, search_text)
						SELECT gen_random_uuid(), 'plan/' || i, 'plan/' || i, NULL, 0, now(), 'admin', now(),
						  'plan/' || i || ' some words about prompt ' || md5(i::text)
						FROM generate_series(1, 20000) AS i""");
				statement.execute("ANALYZE prompt");
				// at 20,000 short rows a sequential scan is still cheap; at a million it
				// is not
				statement.execute("SET LOCAL enable_seqscan = off");
				StringBuilder plan = new StringBuilder();
				try (java.sql.ResultSet rows = statement.executeQuery("EXPLAIN SELECT p.id FROM prompt p "
						+ "WHERE p.deleted_at IS NULL AND p.search_text LIKE '%needle%' ORDER BY p.updated_at DESC")) {
					while (rows.next()) {
						plan.append(rows.getString(1)).append('\n');
					}
				}
				assertThat(plan.toString()).contains("prompt_search");
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	private javax.sql.DataSource dataSource;

	private static List<String> ids(Api.Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		page.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

	private static void assertFieldRefused(Api.Response response, String field) {
		assertProblem(response, 400, "validation_failed");
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
		assertThat(fields).as(response.body()).contains(field);
	}

}
