package dev.promptledger.contract;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/** The Revert section of the contract. */
abstract class RevertContract extends ApiTestBase {

	private record Prompt(String id, String name) {
	}

	private Prompt threeVersions() {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("revert"), "content", "v1 text\n", "description", "first"))
			.send();
		String id = created.text("id");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "v2 text\n")).send();
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "v3 text\n")).send();
		return new Prompt(id, created.text("name"));
	}

	private int currentNumber(String id) {
		return this.api.get("/prompts/" + id).send().json().get("version").asInt();
	}

	@Test
	void withoutConfirmationNothingChangesAndThePreviewShowsWhatWould() {
		Prompt p = threeVersions();
		Api.Response unconfirmed = this.api.post("/prompts/" + p.id() + "/versions/1/revert").send();
		assertProblem(unconfirmed, 428, "confirmation_required");
		JsonNode preview = unconfirmed.json().get("preview");
		assertThat(preview.get("from").get("number").asInt()).isEqualTo(3);
		assertThat(preview.get("to").get("number").asInt()).isEqualTo(1);
		assertThat(preview.get("unified").asString()).contains("-v3 text\n+v1 text\n");
		assertThat(PromptsContract.texts(preview.get("summary").get("fields_changed"))).containsExactly("content",
				"description");
		Api.Response confirmFalse = this.api.post("/prompts/" + p.id() + "/versions/1/revert")
			.json(body("confirm", false))
			.send();
		assertProblem(confirmFalse, 428, "confirmation_required");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/1/revert").json(body("confirm", "true")).send(),
				400, "validation_failed");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/1/revert").json(body("confirm", 1)).send(), 400,
				"validation_failed");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/1/revert")
			.json(body("confirm", true, "force", true))
			.send(), 400, "validation_failed");
		assertThat(currentNumber(p.id())).isEqualTo(3);
	}

	@Test
	void dryRunShowsThePreviewAndWinsOverConfirm() {
		Prompt p = threeVersions();
		Api.Response dry = this.api.post("/prompts/" + p.id() + "/versions/1/revert?dry_run=true")
			.json(body("confirm", true))
			.send();
		assertThat(dry.status()).as(dry.body()).isEqualTo(200);
		assertThat(dry.json().get("changed").asBoolean()).isTrue();
		assertThat(dry.json().get("preview").get("unified").asString()).contains("+v1 text");
		assertThat(currentNumber(p.id())).isEqualTo(3);
		Api.Response dryNoop = this.api.post("/prompts/" + p.id() + "/versions/3/revert?dry_run=true").send();
		assertThat(dryNoop.status()).isEqualTo(200);
		assertThat(dryNoop.json().get("changed").asBoolean()).isFalse();
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/1/revert?dry_run=yes").send(), 400,
				"invalid_parameter");
	}

	@Test
	void confirmedRevertWritesANewVersionPointingAtItsTarget() {
		Prompt p = threeVersions();
		Api.Response v1 = this.api.get("/prompts/" + p.id() + "/versions/1").send();
		Api.Response reverted = this.api.post("/prompts/" + p.id() + "/versions/" + v1.text("version_id") + "/revert")
			.json(body("confirm", true, "message", "v2 and v3 broke the tone"))
			.send();
		assertThat(reverted.status()).as(reverted.body()).isEqualTo(201);
		JsonNode prompt = reverted.json();
		assertThat(prompt.get("changed").asBoolean()).isTrue();
		assertThat(prompt.get("content").asString()).isEqualTo("v1 text\n");
		assertThat(prompt.get("description").asString()).isEqualTo("first");
		assertThat(prompt.get("version").asInt()).isEqualTo(4);
		JsonNode latest = prompt.get("latest_version");
		assertThat(latest.get("change_type").asString()).isEqualTo("revert");
		assertThat(latest.get("reverted_from_version_id").asString()).isEqualTo(v1.text("version_id"));
		assertThat(latest.get("message").asString()).isEqualTo("v2 and v3 broke the tone");
		assertThat(latest.get("author").asString()).isEqualTo("admin");
		assertThat(latest.get("content_sha256").asString()).isEqualTo(v1.text("content_sha256"));
		assertThat(reverted.header("Location"))
			.isEqualTo("/prompts/" + p.id() + "/versions/" + latest.get("version_id").asString());
		assertThat(this.api.get(reverted.header("Location")).send().text("content")).isEqualTo("v1 text\n");
		Api.Response history = this.api.get("/prompts/" + p.id() + "/versions?limit=1").send();
		assertThat(history.json().get("items").get(0).get("change_type").asString()).isEqualTo("revert");
		Object details = this.jdbc
			.sql("SELECT details FROM audit_entry WHERE action = 'prompt.revert' AND prompt_id = ?")
			.param(java.util.UUID.fromString(p.id()))
			.query(String.class)
			.single();
		assertThat(details.toString()).contains("\"from_number\":3", "\"reverted_to_number\":1", v1.text("version_id"));
	}

	@Test
	void revertsChainAndRepeat() {
		Prompt p = threeVersions();
		confirm(p.id(), "1", 201);
		confirm(p.id(), "3", 201);
		Api.Response toRevert = confirm(p.id(), "4", 201);
		assertThat(toRevert.text("content")).isEqualTo("v1 text\n");
		assertThat(currentNumber(p.id())).isEqualTo(6);
		Api.Response again = confirm(p.id(), "1", 200);
		assertThat(again.json().get("changed").asBoolean()).as("already current").isFalse();
		assertThat(currentNumber(p.id())).isEqualTo(6);
		Api.Response unconfirmedNoop = this.api.post("/prompts/" + p.id() + "/versions/4/revert").send();
		assertThat(unconfirmedNoop.status()).as("no confirmation needed when nothing would change").isEqualTo(200);
		assertThat(unconfirmedNoop.json().get("changed").asBoolean()).isFalse();
		assertThat(currentNumber(p.id())).isEqualTo(6);
	}

	@Test
	void revertChecksComeInTheContractsOrder() {
		Prompt p = threeVersions();
		String head = etag(this.api.get("/prompts/" + p.id()).send());
		assertProblem(this.api.post("/prompts/00000000-0000-4000-8000-000000000000/versions/1/revert")
			.raw("application/json", "{oops")
			.send(), 404, "prompt_not_found");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/1/revert")
			.header("If-Match", "\"stale\"")
			.raw("application/json", "{oops")
			.send(), 400, "malformed_json");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/99/revert")
			.header("If-Match", "\"stale\"")
			.json(body("confirm", true))
			.send(), 412, "version_conflict");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/99/revert")
			.header("If-Match", head)
			.json(body("confirm", true))
			.send(), 404, "version_not_found");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/not-a-version/revert").send(), 404,
				"version_not_found");
		String other = createPrompt(uniqueName("other"), "x").text("id");
		String otherVersion = this.api.get("/prompts/" + other + "/versions/1").send().text("version_id");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/" + otherVersion + "/revert")
			.json(body("confirm", true))
			.send(), 404, "version_not_found");
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/1/revert").header("If-Match", head).send(), 428,
				"confirmation_required");
		Api.Response ok = this.api.post("/prompts/" + p.id() + "/versions/1/revert")
			.header("If-Match", head)
			.json(body("confirm", true))
			.send();
		assertThat(ok.status()).isEqualTo(201);
		assertProblem(this.api.post("/prompts/" + p.id() + "/versions/2/revert")
			.header("If-Match", head)
			.json(body("confirm", true))
			.send(), 412, "version_conflict");
	}

	private Api.Response confirm(String id, String version, int expectedStatus) {
		Api.Response response = this.api.post("/prompts/" + id + "/versions/" + version + "/revert")
			.json(body("confirm", true))
			.send();
		assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
		return response;
	}

}
