package dev.promptledger.contract;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query parameters are strict like bodies (Conventions): an unknown or repeated one is
 * 400 {@code invalid_parameter} naming it, on the fast path too; lookup honours
 * {@code version}.
 */
abstract class QueryParametersContract extends ApiTestBase {

	@Test
	void aTypoInAParameterNeverServesAnotherVersion() {
		Api.Response created = createPrompt(uniqueName("strict"), "one");
		String id = created.text("id");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "two")).send();
		this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send();
		// warm every cache, so that the fast path would have the answer at hand
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.get("/prompts/" + id).send().status()).isEqualTo(200);
			assertThat(this.api.get("/prompts/" + id + "?label=production").send().status()).isEqualTo(200);
		}
		Api.Response typo = assertProblem(this.api.get("/prompts/" + id + "?labl=production").send(), 400,
				"invalid_parameter");
		assertThat(typo.json().get("errors").get(0).get("field").asString()).isEqualTo("labl");
		assertThat(typo.text("detail")).contains("labl");
		Api.Response twice = assertProblem(this.api.get("/prompts/" + id + "?label=production&label=staging").send(),
				400, "invalid_parameter");
		assertThat(twice.json().get("errors").get(0).get("field").asString()).isEqualTo("label");
		assertProblem(this.api.get("/prompts/" + id + "?version=1&version=1").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/lookup?name=" + created.text("name") + "&lable=production").send(), 400,
				"invalid_parameter");
	}

	@Test
	void everyEndpointRefusesParametersItDoesNotDefine() {
		Api.Response created = createPrompt(uniqueName("strict"), "one");
		String id = created.text("id");
		assertProblem(this.api.get("/prompts?limt=5").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts?limit=5&limit=6").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/" + id + "/versions?page=2").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/" + id + "/versions/1/diff?agianst=1").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/" + id + "/labels?limit=5").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/me?verbose=1").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/audit?user=admin").send(), 400, "invalid_parameter");
		Api.Response dryRun = this.api.post("/prompts/" + id + "/versions/1/revert?dryrun=true")
			.json(body("confirm", true))
			.send();
		assertProblem(dryRun, 400, "invalid_parameter");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt())
			.as("the refused revert changed nothing")
			.isEqualTo(1);
		assertThat(this.api.get("/prompts?limit=5").send().status()).isEqualTo(200);
	}

	@Test
	void lookupHonoursVersion() {
		Api.Response created = createPrompt(uniqueName("strict"), "one");
		String id = created.text("id");
		String name = created.text("name");
		this.api.put("/prompts/" + id).json(body("name", name, "content", "two")).send();
		for (int i = 0; i < 2; i++) {
			Api.Response v1 = this.api.get("/prompts/lookup?name=" + name + "&version=1").send();
			assertThat(v1.status()).as(v1.body()).isEqualTo(200);
			assertThat(v1.text("content")).isEqualTo("one");
			assertThat(v1.json().get("version").asInt()).isEqualTo(1);
			assertThat(v1.json().get("latest_version").get("number").asInt()).isEqualTo(2);
		}
		assertProblem(this.api.get("/prompts/lookup?name=" + name + "&version=9").send(), 404, "version_not_found");
		assertProblem(this.api.get("/prompts/lookup?name=" + name + "&version=1&label=production").send(), 400,
				"invalid_parameter");
	}

}
