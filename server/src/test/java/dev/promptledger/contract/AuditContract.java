package dev.promptledger.contract;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Audit log section, and the story the issue asks for: three people of different
 * roles on one prompt, each change under their own name, and the admin reading it all
 * back.
 */
abstract class AuditContract extends ApiTestBase {

	@Test
	void threeRolesOnePromptAndTheWholeStory() {
		TestUser viewer = createUser("viewer");
		TestUser editor = createUser("editor");
		TestUser maintainer = createUser("maintainer");

		assertProblem(viewer.api().post("/prompts").json(body("name", uniqueName("team"), "content", "x")).send(), 403,
				"forbidden");
		Api.Response created = editor.api()
			.post("/prompts")
			.json(body("name", uniqueName("team/onboarding"), "content", "Welcome!\n"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		String id = created.text("id");
		String name = created.text("name");
		assertThat(editor.api()
			.put("/prompts/" + id)
			.json(body("name", name, "content", "Welcome aboard!\n", "message", "friendlier"))
			.send()
			.status()).isEqualTo(200);
		assertProblem(viewer.api().put("/prompts/" + id).json(body("name", name, "content", "hijacked")).send(), 403,
				"forbidden");
		assertProblem(editor.api().post("/prompts/" + id + "/versions/1/revert").json(body("confirm", true)).send(),
				403, "forbidden");
		Api.Response reverted = maintainer.api()
			.post("/prompts/" + id + "/versions/1/revert")
			.json(body("confirm", true, "message", "keep it short"))
			.send();
		assertThat(reverted.status()).isEqualTo(201);

		JsonNode history = viewer.api().get("/prompts/" + id + "/versions").send().json().get("items");
		assertThat(history).hasSize(3);
		assertThat(List.of(history.get(0).get("author").asString(), history.get(1).get("author").asString(),
				history.get(2).get("author").asString()))
			.containsExactly(maintainer.username(), editor.username(), editor.username());

		Api.Response story = this.api.get("/audit?prompt_id=" + id).send();
		assertThat(story.status()).isEqualTo(200);
		JsonNode entries = story.json().get("items");
		assertThat(entries).hasSize(3);
		JsonNode revert = entries.get(0);
		assertThat(revert.get("action").asString()).isEqualTo("prompt.revert");
		assertThat(revert.get("actor").asString()).isEqualTo(maintainer.username());
		assertThat(revert.get("prompt_id").asString()).isEqualTo(id);
		assertThat(revert.get("version_id").asString())
			.isEqualTo(reverted.json().get("latest_version").get("version_id").asString());
		assertThat(revert.get("at").asString()).matches(".*T.*\\.\\d{3}Z");
		assertThat(revert.get("details").get("from_number").asInt()).isEqualTo(2);
		assertThat(revert.get("details").get("reverted_to_number").asInt()).isEqualTo(1);
		assertThat(entries.get(1).get("action").asString()).isEqualTo("prompt.update");
		assertThat(entries.get(2).get("action").asString()).isEqualTo("prompt.create");
		assertThat(entries.get(2).get("actor").asString()).isEqualTo(editor.username());
		assertThat(entries.get(2).has("seq")).isFalse();
	}

	@Test
	void userAndTokenChangesAreAuditedWithoutSecrets() {
		TestUser user = createUser("viewer");
		this.api.patch("/users/" + user.username()).raw("application/json", "{\"role\": \"editor\"}").send();
		this.api.delete("/tokens/" + user.tokenId()).send();
		Api.Response entries = this.api.get("/audit?actor=admin&limit=200").send();
		List<String> actions = new ArrayList<>();
		for (JsonNode entry : entries.json().get("items")) {
			if (entry.get("details").toString().contains(user.username())) {
				actions.add(entry.get("action").asString());
			}
		}
		assertThat(actions).containsExactly("token.revoke", "user.update", "token.create", "user.create");
		assertThat(entries.body()).doesNotContain(user.token(), user.password());
		JsonNode update = this.api.get("/audit?action=user.update&limit=200").send().json().get("items");
		JsonNode mine = null;
		for (JsonNode entry : update) {
			if (entry.get("details").get("username").asString().equals(user.username())) {
				mine = entry;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("details").get("role").get("from").asString()).isEqualTo("viewer");
		assertThat(mine.get("details").get("role").get("to").asString()).isEqualTo("editor");
	}

	@Test
	void theLogPagesByCursorAndFiltersAreChecked() {
		String id = createPrompt(uniqueName("paged-audit"), "1").text("id");
		for (int i = 2; i <= 5; i++) {
			this.api.patch("/prompts/" + id).raw("application/json", "{\"content\":\"" + i + "\"}").send();
		}
		List<String> actions = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Api.Response page = this.api
				.get("/audit?prompt_id=" + id + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
				.send();
			assertThat(page.status()).isEqualTo(200);
			page.json().get("items").forEach(entry -> actions.add(entry.get("action").asString()));
			cursor = page.text("next_cursor");
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(actions).containsExactly("prompt.patch", "prompt.patch", "prompt.patch", "prompt.patch",
				"prompt.create");
		assertThat(this.api.get("/audit?prompt_id=" + id + "&action=prompt.create").send().json().get("items"))
			.hasSize(1);
		assertProblem(this.api.get("/audit?prompt_id=nope").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/audit?action=prompt.explode").send(), 400, "invalid_parameter");
		String someCursor = this.api.get("/audit?prompt_id=" + id + "&limit=1").send().text("next_cursor");
		assertProblem(this.api.get("/audit?limit=1&cursor=" + someCursor).send(), 400, "invalid_cursor");
	}

	@Test
	void aRejectedChangeLeavesNoEntry() {
		Api.Response created = createPrompt(uniqueName("atomic"), "x");
		String id = created.text("id");
		long before = count(id);
		this.api.put("/prompts/" + id)
			.header("If-Match", "\"stale\"")
			.json(body("name", created.text("name"), "content", "y"))
			.send();
		this.api.post("/prompts").json(body("name", created.text("name"), "content", "dup")).send();
		this.api.post("/prompts/" + id + "/versions/1/revert").send();
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "x")).send();
		assertThat(count(id)).isEqualTo(before);
	}

	private long count(String promptId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE prompt_id = ?")
			.param(java.util.UUID.fromString(promptId))
			.query(Long.class)
			.single();
	}

}
