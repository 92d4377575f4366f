package dev.promptledger.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Prompts section of the contract. */
abstract class PromptsContract extends ApiTestBase {

	@Test
	void createAnswers201WithLocationEtagAndVersionOne() {
		String name = uniqueName("team/support.greeting");
		Api.Response created = this.api.post("/prompts")
			.json(body("name", name, "content", "Hello\nWorld\n", "description", "greets", "message", "first cut"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.contentType()).startsWith("application/json");
		JsonNode prompt = created.json();
		String id = prompt.get("id").asString();
		assertThat(created.header("Location")).isEqualTo("/prompts/" + id);
		JsonNode latest = prompt.get("latest_version");
		assertThat(etag(created)).isEqualTo("\"" + latest.get("version_id").asString() + "\"");
		assertThat(prompt.get("name").asString()).isEqualTo(name);
		assertThat(prompt.get("content").asString()).isEqualTo("Hello\nWorld\n");
		assertThat(prompt.get("description").asString()).isEqualTo("greets");
		assertThat(prompt.get("version").asInt()).isEqualTo(1);
		assertThat(prompt.get("created_by").asString()).isEqualTo("admin");
		assertThat(prompt.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(prompt.get("updated_at").asString()).isEqualTo(prompt.get("created_at").asString());
		assertThat(latest.has("content")).as("latest_version has no content").isFalse();
		assertThat(latest.get("number").asInt()).isEqualTo(1);
		assertThat(latest.get("change_type").asString()).isEqualTo("create");
		assertThat(latest.get("author").asString()).isEqualTo("admin");
		assertThat(latest.get("message").asString()).isEqualTo("first cut");
		assertThat(latest.get("parent_version_id").isNull()).isTrue();
		assertThat(latest.get("reverted_from_version_id").isNull()).isTrue();
		assertThat(latest.get("content_sha256").asString()).isEqualTo(sha256("Hello\nWorld\n"));
		JsonNode summary = latest.get("summary");
		assertThat(summary.get("lines_added").asInt()).isEqualTo(2);
		assertThat(summary.get("lines_removed").asInt()).isZero();
		assertThat(summary.get("chars_added").asInt()).isEqualTo(12);
		assertThat(summary.get("chars_removed").asInt()).isZero();
		assertThat(texts(summary.get("fields_changed"))).containsExactly("name", "content", "description");
		assertThat(latest.get("version_id").asString()).doesNotMatch("\\d+");
	}

	@Test
	void getShowsContentAndAnswers304ToItsEtag() {
		Api.Response created = createPrompt(uniqueName("get"), "text");
		String id = created.text("id");
		Api.Response got = this.api.get("/prompts/" + id).send();
		assertThat(got.status()).isEqualTo(200);
		assertThat(got.text("content")).isEqualTo("text");
		assertThat(etag(got)).isEqualTo(etag(created));
		Api.Response notModified = this.api.get("/prompts/" + id).header("If-None-Match", etag(got)).send();
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(etag(notModified)).isEqualTo(etag(got));
		assertThat(this.api.get("/prompts/" + id).header("If-None-Match", "W/" + etag(got)).send().status())
			.as("If-None-Match compares weakly")
			.isEqualTo(304);
		assertThat(this.api.get("/prompts/" + id).header("If-None-Match", "\"other\", " + etag(got)).send().status())
			.isEqualTo(304);
		assertThat(this.api.get("/prompts/" + id).header("If-None-Match", "\"other\"").send().status()).isEqualTo(200);
	}

	@Test
	void putReplacesEverythingAndRecordsAnUpdate() {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("put"), "content", "a\nb\nc\n", "description", "old"))
			.send();
		String id = created.text("id");
		String renamed = uniqueName("put-renamed");
		Api.Response put = this.api.put("/prompts/" + id)
			.json(body("name", renamed, "content", "a\nB\nc\nd\n", "message", "tweak"))
			.send();
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		JsonNode prompt = put.json();
		assertThat(prompt.get("name").asString()).isEqualTo(renamed);
		assertThat(prompt.get("description").isNull()).as("omitted description becomes null").isTrue();
		assertThat(prompt.get("version").asInt()).isEqualTo(2);
		assertThat(prompt.get("created_at").asString()).isEqualTo(created.text("created_at"));
		assertThat(etag(put)).isEqualTo("\"" + prompt.get("latest_version").get("version_id").asString() + "\"");
		JsonNode latest = prompt.get("latest_version");
		assertThat(latest.get("change_type").asString()).isEqualTo("update");
		assertThat(latest.get("message").asString()).isEqualTo("tweak");
		assertThat(latest.get("parent_version_id").asString())
			.isEqualTo(created.json().get("latest_version").get("version_id").asString());
		JsonNode summary = latest.get("summary");
		assertThat(summary.get("lines_added").asInt()).isEqualTo(2);
		assertThat(summary.get("lines_removed").asInt()).isEqualTo(1);
		assertThat(summary.get("chars_added").asInt()).isEqualTo(4);
		assertThat(summary.get("chars_removed").asInt()).isEqualTo(2);
		assertThat(texts(summary.get("fields_changed"))).containsExactly("name", "content", "description");
	}

	@Test
	void patchMergesOnlyTheGivenFields() {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("patch"), "content", "body", "description", "desc"))
			.send();
		String id = created.text("id");
		Api.Response patched = this.api.patch("/prompts/" + id)
			.raw("application/merge-patch+json", "{\"content\": \"new body\"}")
			.send();
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.text("content")).isEqualTo("new body");
		assertThat(patched.text("description")).isEqualTo("desc");
		assertThat(patched.text("name")).isEqualTo(created.text("name"));
		assertThat(patched.json().get("latest_version").get("change_type").asString()).isEqualTo("patch");
		Api.Response cleared = this.api.patch("/prompts/" + id)
			.raw("application/json", "{\"description\": null, \"message\": \"no description\"}")
			.send();
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.json().get("description").isNull()).isTrue();
		assertThat(cleared.json().get("version").asInt()).isEqualTo(3);
		assertThat(texts(cleared.json().get("latest_version").get("summary").get("fields_changed")))
			.containsExactly("description");
		assertProblem(this.api.patch("/prompts/" + id).raw("application/merge-patch+json", "{\"name\": null}").send(),
				400, "validation_failed");
		assertProblem(
				this.api.patch("/prompts/" + id).raw("application/merge-patch+json", "{\"content\": null}").send(), 400,
				"validation_failed");
		assertProblem(this.api.patch("/prompts/" + id).raw("application/merge-patch+json", "[1]").send(), 400,
				"validation_failed");
		assertProblem(this.api.patch("/prompts/" + id).raw("text/plain", "{}").send(), 415, "unsupported_media_type");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt()).isEqualTo(3);
	}

	@Test
	void aWriteThatChangesNothingMakesNoVersion() {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("same"), "content", "same", "description", "d"))
			.send();
		String id = created.text("id");
		Api.Response put = this.api.put("/prompts/" + id)
			.json(body("name", created.text("name"), "content", "same", "description", "d", "message",
					"only a message"))
			.send();
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().get("version").asInt()).isEqualTo(1);
		assertThat(etag(put)).isEqualTo(etag(created));
		Api.Response patch = this.api.patch("/prompts/" + id)
			.raw("application/merge-patch+json", "{\"content\":\"same\"}")
			.send();
		assertThat(patch.json().get("version").asInt()).isEqualTo(1);
		assertThat(this.api.get("/prompts/" + id + "/versions").send().json().get("items").size()).isEqualTo(1);
	}

	@Test
	void namesAreUniqueAmongLivePromptsAndFreedByDeleteAndRename() {
		String name = uniqueName("unique");
		Api.Response first = createPrompt(name, "one");
		assertProblem(this.api.post("/prompts").json(body("name", name, "content", "two")).send(), 409, "name_taken");
		Api.Response other = createPrompt(uniqueName("unique-other"), "x");
		assertProblem(this.api.put("/prompts/" + other.text("id")).json(body("name", name, "content", "x")).send(), 409,
				"name_taken");
		Api.Response deleted = this.api.delete("/prompts/" + first.text("id")).send();
		assertThat(deleted.status()).isEqualTo(204);
		assertProblem(this.api.get("/prompts/" + first.text("id")).send(), 404, "prompt_not_found");
		assertProblem(this.api.get("/prompts/" + first.text("id") + "/versions").send(), 404, "prompt_not_found");
		assertProblem(this.api.get("/prompts/" + first.text("id") + "/versions/1").send(), 404, "prompt_not_found");
		assertProblem(this.api.delete("/prompts/" + first.text("id")).send(), 404, "prompt_not_found");
		Api.Response reused = createPrompt(name, "again");
		assertThat(reused.text("id")).isNotEqualTo(first.text("id"));
		long kept = this.jdbc.sql("SELECT COUNT(*) FROM prompt_version WHERE prompt_id = ?")
			.param(java.util.UUID.fromString(first.text("id")))
			.query(Long.class)
			.single();
		assertThat(kept).as("history of a deleted prompt is kept").isEqualTo(1);
		long audited = this.jdbc
			.sql("SELECT COUNT(*) FROM audit_entry WHERE prompt_id = ? AND action = 'prompt.delete'")
			.param(java.util.UUID.fromString(first.text("id")))
			.query(Long.class)
			.single();
		assertThat(audited).isEqualTo(1);
	}

	@Test
	void listIsNewestFirstPaginatedAndFilteredByName() {
		String stem = uniqueName("listing");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(createPrompt(stem + "/item-" + i, "content " + i).text("id"));
		}
		createPrompt(uniqueName("unrelated"), "x");
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String query = "/prompts?limit=2&q=" + stem.toUpperCase() + (cursor == null ? "" : "&cursor=" + cursor);
			Api.Response page = this.api.get(query).send();
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			for (JsonNode item : page.json().get("items")) {
				assertThat(item.has("content")).isFalse();
				assertThat(item.get("latest_version").has("content")).isFalse();
				seen.add(item.get("id").asString());
			}
			JsonNode next = page.json().get("next_cursor");
			cursor = next.isNull() ? null : next.asString();
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(pages).isEqualTo(3);
		java.util.Collections.reverse(ids);
		assertThat(seen).containsExactlyElementsOf(ids);
		Api.Response exact = this.api.get("/prompts?limit=5&q=" + stem).send();
		assertThat(exact.json().get("items").size()).isEqualTo(5);
		assertThat(exact.json().get("next_cursor").isNull()).as("null exactly when there are no more").isTrue();
		Api.Response empty = this.api.get("/prompts?cursor=&limit=1").send();
		assertThat(empty.status()).as("an empty cursor is no cursor").isEqualTo(200);
	}

	@Test
	void listParametersTheServerDidNotOfferAreRefused() {
		for (String limit : List.of("0", "201", "-1", "abc", "", "1.5", "99999999999")) {
			assertProblem(this.api.get("/prompts?limit=" + limit).send(), 400, "invalid_parameter");
		}
		for (String cursor : List.of("abc", "eyJ4Ijo", "AAAA.BBBB", "x".repeat(600))) {
			assertProblem(this.api.get("/prompts?cursor=" + cursor).send(), 400, "invalid_cursor");
		}
		String stem = uniqueName("cursor-scope");
		createPrompt(stem + "/a", "a");
		createPrompt(stem + "/b", "b");
		String cursor = this.api.get("/prompts?limit=1&q=" + stem).send().text("next_cursor");
		assertThat(cursor).isNotNull();
		assertThat(this.api.get("/prompts?limit=1&q=" + stem + "&cursor=" + cursor).send().status()).isEqualTo(200);
		assertProblem(this.api.get("/prompts?limit=1&q=other&cursor=" + cursor).send(), 400, "invalid_cursor");
		String id = createPrompt(uniqueName("cursor-owner"), "x").text("id");
		assertProblem(this.api.get("/prompts/" + id + "/versions?cursor=" + cursor).send(), 400, "invalid_cursor");
	}

	@Test
	void namesFollowTheSegmentRule() {
		for (String bad : List.of("", "/lead", "trail/", "a//b", "sp ace", "a/./b", "../x", "..", "ümlaut",
				"a".repeat(201), "semi;colon")) {
			Api.Response response = this.api.post("/prompts").json(body("name", bad, "content", "x")).send();
			assertProblem(response, 400, "validation_failed");
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		}
		for (String good : List.of("a", "A.b_c-d/e/F9", "x".repeat(200))) {
			String name = good.length() == 200 ? good.substring(0, 191) + uniqueName("").substring(0, 9)
					: uniqueName(good);
			assertThat(this.api.post("/prompts").json(body("name", name, "content", "")).send().status()).as(name)
				.isEqualTo(201);
		}
	}

	@Test
	void writeChecksComeInTheContractsOrder() {
		String missing = "/prompts/00000000-0000-4000-8000-000000000000";
		assertProblem(this.api.put(missing).raw("application/json", "{not json").send(), 404, "prompt_not_found");
		assertProblem(this.api.patch(missing).raw("text/plain", "x").send(), 404, "prompt_not_found");
		assertProblem(this.api.put("/prompts/not-an-id").json(body("name", "a", "content", "b")).send(), 404,
				"prompt_not_found");
		String id = createPrompt(uniqueName("order"), "x").text("id");
		assertProblem(
				this.api.put("/prompts/" + id).header("If-Match", "\"stale\"").raw("application/json", "{bad").send(),
				400, "malformed_json");
		assertProblem(this.api.put("/prompts/" + id).header("If-Match", "\"stale\"").json(body("name", "x")).send(),
				400, "validation_failed");
		assertProblem(this.api.put("/prompts/" + id)
			.header("If-Match", "\"stale\"")
			.json(body("name", uniqueName("n"), "content", "y"))
			.send(), 412, "version_conflict");
		assertProblem(this.api.put("/prompts/" + id).anonymous().json(body("name", "n", "content", "y")).send(), 401,
				"unauthorized");
	}

	@Test
	void ifMatchGuardsEveryWrite() {
		Api.Response created = createPrompt(uniqueName("if-match"), "v1");
		String id = created.text("id");
		String v1 = etag(created);
		Api.Response v2 = this.api.put("/prompts/" + id)
			.header("If-Match", v1)
			.json(body("name", created.text("name"), "content", "v2"))
			.send();
		assertThat(v2.status()).isEqualTo(200);
		Api.Response stale = this.api.put("/prompts/" + id)
			.header("If-Match", v1)
			.json(body("name", created.text("name"), "content", "v3"))
			.send();
		assertProblem(stale, 412, "version_conflict");
		assertThat(stale.text("current_version_id")).isEqualTo(etag(v2).replace("\"", ""));
		assertThat(stale.json().get("current_number").asInt()).isEqualTo(2);
		assertProblem(this.api.patch("/prompts/" + id)
			.header("If-Match", v1)
			.raw("application/merge-patch+json", "{\"content\":\"v3\"}")
			.send(), 412, "version_conflict");
		assertProblem(this.api.patch("/prompts/" + id)
			.header("If-Match", "W/" + etag(v2))
			.raw("application/merge-patch+json", "{\"content\":\"v3\"}")
			.send(), 412, "version_conflict");
		assertProblem(this.api.delete("/prompts/" + id).header("If-Match", v1).send(), 412, "version_conflict");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt()).as("412 changed nothing")
			.isEqualTo(2);
		assertThat(this.api.patch("/prompts/" + id)
			.header("If-Match", "*")
			.raw("application/merge-patch+json", "{\"content\":\"v3\"}")
			.send()
			.status()).isEqualTo(200);
		assertThat(this.api.patch("/prompts/" + id)
			.header("If-Match", "\"x\", " + etag(this.api.get("/prompts/" + id).send()))
			.raw("application/merge-patch+json", "{\"content\":\"v4\"}")
			.send()
			.status()).isEqualTo(200);
		assertThat(this.api.delete("/prompts/" + id)
			.header("If-Match", etag(this.api.get("/prompts/" + id).send()))
			.send()
			.status()).isEqualTo(204);
	}

	@Test
	void everyWriteIsAuditedInItsTransaction() {
		Api.Response created = createPrompt(uniqueName("audited"), "a");
		String id = created.text("id");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "b")).send();
		this.api.patch("/prompts/" + id).raw("application/json", "{\"content\":\"c\"}").send();
		this.api.put("/prompts/" + id)
			.header("If-Match", "\"stale\"")
			.json(body("name", created.text("name"), "content", "d"))
			.send();
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "c")).send();
		List<Map<String, Object>> entries = this.jdbc
			.sql("SELECT action, actor, version_id FROM audit_entry WHERE prompt_id = ? ORDER BY seq")
			.param(java.util.UUID.fromString(id))
			.query()
			.listOfRows();
		assertThat(entries).extracting(row -> row.get("action"))
			.containsExactly("prompt.create", "prompt.update", "prompt.patch");
		assertThat(entries).extracting(row -> row.get("actor")).containsOnly("admin");
		Map<Object, Object> versionsById = new HashMap<>();
		this.jdbc.sql("SELECT id, number FROM prompt_version WHERE prompt_id = ?")
			.param(java.util.UUID.fromString(id))
			.query()
			.listOfRows()
			.forEach(row -> versionsById.put(row.get("id"), row.get("number")));
		assertThat(versionsById).hasSize(3);
		assertThat(entries).extracting(row -> versionsById.get(row.get("version_id"))).containsExactly(1, 2, 3);
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE audit_entry SET actor = 'admin' WHERE prompt_id = ?")
			.param(java.util.UUID.fromString(id))
			.update()).as("the audit log is append-only").hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM audit_entry WHERE prompt_id = ?")
			.param(java.util.UUID.fromString(id))
			.update()).hasMessageContaining("append-only");
	}

	static List<String> texts(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(node -> values.add(node.asString()));
		return values;
	}

	static String sha256(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Live prompt names are unique without regard to case, on create and on rename; a
	 * deleted name is free.
	 */
	@Test
	void promptNamesAreUniqueInAnyCase() {
		String name = uniqueName("team/Greeting");
		Api.Response first = createPrompt(name, "hello");
		assertProblem(this.api.post("/prompts")
			.json(body("name", name.toLowerCase(java.util.Locale.ROOT), "content", "x"))
			.send(), 409, "name_taken");
		Api.Response other = createPrompt(uniqueName("other"), "other");
		assertProblem(this.api.patch("/prompts/" + other.text("id"))
			.json(body("name", name.toUpperCase(java.util.Locale.ROOT)))
			.send(), 409, "name_taken");
		Api.Response recased = this.api.patch("/prompts/" + first.text("id"))
			.json(body("name", name.toUpperCase(java.util.Locale.ROOT)))
			.send();
		assertThat(recased.status()).as("a prompt may change the case of its own name").isEqualTo(200);
		assertThat(this.api.delete("/prompts/" + first.text("id")).send().status()).isEqualTo(204);
		createPrompt(name.toLowerCase(java.util.Locale.ROOT), "the name is free again");
	}

	/**
	 * Overlong UTF-8 (C0 AF for '/') is invalid UTF-8 like any other: 400, and nothing is
	 * written.
	 */
	@Test
	void overlongUtf8IsRefused() {
		String name = uniqueName("overlong");
		byte[] prefix = ("{\"name\": \"" + name + "\", \"content\": \"a")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] suffix = "b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		for (byte[] bad : List.of(new byte[] { (byte) 0xC0, (byte) 0xAF },
				new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 })) {
			byte[] body = new byte[prefix.length + bad.length + suffix.length];
			System.arraycopy(prefix, 0, body, 0, prefix.length);
			System.arraycopy(bad, 0, body, prefix.length, bad.length);
			System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
			assertProblem(this.api.post("/prompts").raw("application/json", body).send(), 400, "malformed_json");
		}
		assertProblem(this.api.get("/prompts/lookup?name=" + name).send(), 404, "prompt_not_found");
	}

}
