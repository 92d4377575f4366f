package dev.promptledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

/**
 * Langfuse's prompt endpoints beyond what its SDK exercises (LangfuseSdkIT runs the SDK
 * itself): the key pair, Langfuse's error form on these paths only, an encoded slash
 * accepted in a Langfuse name and nowhere else, strict bodies and parameters, the audit
 * trail naming the token's user, and what is answered 501.
 */
abstract class LangfuseContract extends ApiTestBase {

	private static final String PROMPTS = "/api/public/v2/prompts";

	private static String basic(TestUser user) {
		return basic("pk-lf-" + user.tokenId(), user.token());
	}

	private static String basic(String publicKey, String secretKey) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
	}

	private Api.Call as(TestUser user, Api.Call call) {
		return call.anonymous().header("Authorization", basic(user));
	}

	private static String encoded(String name) {
		return name.replace("/", "%2F");
	}

	private static void assertLangfuseError(Api.Response response, int status, String error) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.text("error")).as(response.body()).isEqualTo(error);
		assertThat(response.text("message")).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception", "at dev.promptledger", "SQL", "urn:promptledger");
	}

	@Test
	void aCreateIsAVersionByTheTokensUserAndAnUnchangedCreateMakesNone() {
		TestUser editor = createUser("editor");
		String name = uniqueName("team") + "/greeting";
		Api.Response first = as(editor, this.api.post(PROMPTS))
			.json(body("name", name, "prompt", "Hi {{name}}", "config", Map.of("model", "m"), "commitMessage", "first"))
			.send();
		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(first.json().get("version").asInt()).isEqualTo(1);

		Api.Response own = this.api.get("/prompts/lookup?name=" + name).send();
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.text("created_by")).isEqualTo(editor.username());
		assertThat(own.text("content")).isEqualTo("Hi {{name}}");
		assertThat(own.json().get("config").get("model").asString()).isEqualTo("m");
		assertThat(own.json().get("latest_version").get("message").asString()).isEqualTo("first");
		String id = own.text("id");
		JsonNode audit = this.api.get("/audit?prompt_id=" + id).send().json().get("items");
		assertThat(audit.get(0).get("actor").asString()).isEqualTo(editor.username());
		assertThat(audit.get(0).get("action").asString()).isEqualTo("prompt.create");

		Api.Response again = as(editor, this.api.post(PROMPTS))
			.json(body("name", name, "prompt", "Hi {{name}}", "config", Map.of("model", "m")))
			.send();
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().get("version").asInt()).as("nothing changed: no new version").isEqualTo(1);

		Api.Response description = this.api.patch("/prompts/" + id)
			.raw("application/merge-patch+json", "{\"description\":\"kept by Langfuse writes\"}")
			.send();
		assertThat(description.status()).isEqualTo(200);
		Api.Response third = as(editor, this.api.post(PROMPTS)).json(body("name", name, "prompt", "Hello {{name}}"))
			.send();
		assertThat(third.json().get("version").asInt()).isEqualTo(3);
		Api.Response after = this.api.get("/prompts/" + id).send();
		assertThat(after.text("description")).isEqualTo("kept by Langfuse writes");
		assertThat(after.json().get("config").size()).as("a create without config has none, as in Langfuse").isZero();
	}

	@Test
	void namesWithSlashesArriveEncodedOnLangfusePathsOnly() {
		TestUser viewer = createUser("viewer");
		String name = uniqueName("a") + "/b/c";
		createPrompt(name, "deep");
		Api.Response latest = as(viewer, this.api.get(PROMPTS + "/" + encoded(name) + "?label=latest")).send();
		assertThat(latest.status()).as(latest.body()).isEqualTo(200);
		assertThat(latest.text("prompt")).isEqualTo("deep");
		assertThat(latest.json().get("labels").toString()).isEqualTo("[\"latest\"]");
		assertProblem(this.api.get("/prompts/" + encoded(name)).send(), 400, "bad_request");
		Api.Response ui = this.api.get("/ui/" + encoded(name)).send();
		assertThat(ui.status()).as("refused under /ui/ too, as a page").isEqualTo(400);
		assertThat(ui.contentType()).startsWith("text/html");
	}

	@Test
	void errorsOnLangfusePathsTakeLangfusesForm() {
		TestUser viewer = createUser("viewer");
		TestUser editor = createUser("editor");
		Api.Response anonymous = this.api.get(PROMPTS + "/x").anonymous().send();
		assertLangfuseError(anonymous, 401, "UnauthorizedError");
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
		assertLangfuseError(this.api.get(PROMPTS + "/x").send(), 401, "UnauthorizedError");
		assertLangfuseError(this.api.get(PROMPTS + "/x")
			.anonymous()
			.header("Authorization", basic("pk-lf-" + editor.tokenId(), viewer.token()))
			.send(), 401, "UnauthorizedError");
		assertLangfuseError(this.api.get(PROMPTS + "/x")
			.anonymous()
			.header("Authorization", basic("pk-lf-not-an-id", viewer.token()))
			.send(), 401, "UnauthorizedError");
		assertLangfuseError(as(viewer, this.api.post(PROMPTS)).json(body("name", "x", "prompt", "y")).send(), 403,
				"ForbiddenError");
		assertLangfuseError(as(viewer, this.api.get(PROMPTS + "/" + uniqueName("missing"))).send(), 404,
				"LangfuseNotFoundError");
		assertLangfuseError(as(viewer, this.api.get(PROMPTS + "/x?labl=production")).send(), 400,
				"InvalidRequestError");
		assertLangfuseError(as(viewer, this.api.get(PROMPTS + "/x?version=0")).send(), 400, "InvalidRequestError");
		assertLangfuseError(as(viewer, this.api.get(PROMPTS + "/x?version=1&label=production")).send(), 400,
				"InvalidRequestError");
		assertLangfuseError(as(viewer, this.api.get(PROMPTS + "?limit=101")).send(), 400, "InvalidRequestError");
		assertLangfuseError(as(viewer, this.api.get("/api/public/traces")).send(), 501, "NotImplementedError");
		assertLangfuseError(as(viewer, this.api.put(PROMPTS + "/x")).send(), 501, "NotImplementedError");
		// and the API's own paths keep problem+json
		assertProblem(this.api.get("/prompts/lookup?name=" + uniqueName("missing")).send(), 404, "prompt_not_found");
	}

	@Test
	void createBodiesAreHeldToTheSameRulesNamedAsLangfuseNamesThem() {
		TestUser editor = createUser("editor");
		String name = uniqueName("strict");
		Api.Response unknown = as(editor, this.api.post(PROMPTS)).json(body("name", name, "prompt", "x", "promt", "y"))
			.send();
		assertLangfuseError(unknown, 400, "InvalidRequestError");
		assertThat(unknown.text("message")).contains("promt");
		Api.Response noPrompt = as(editor, this.api.post(PROMPTS)).json(body("name", name)).send();
		assertLangfuseError(noPrompt, 400, "InvalidRequestError");
		assertThat(noPrompt.text("message")).contains("prompt");
		Api.Response config = as(editor, this.api.post(PROMPTS)).json(body("name", name, "prompt", "x", "config", 3))
			.send();
		assertLangfuseError(config, 400, "InvalidRequestError");
		assertThat(config.text("message")).contains("config");
		Api.Response chatText = as(editor, this.api.post(PROMPTS))
			.json(body("name", name, "type", "chat", "prompt", "not a list"))
			.send();
		assertLangfuseError(chatText, 400, "InvalidRequestError");
		Api.Response badRole = as(editor, this.api.post(PROMPTS))
			.json(body("name", name, "type", "chat", "prompt", List.of(Map.of("role", "System!", "content", "x"))))
			.send();
		assertLangfuseError(badRole, 400, "InvalidRequestError");
		assertThat(badRole.text("message")).contains("prompt[0]");
		Api.Response latest = as(editor, this.api.post(PROMPTS))
			.json(body("name", name, "prompt", "x", "labels", List.of("latest")))
			.send();
		assertThat(latest.status()).as("latest is Langfuse's own: naming it asks for nothing").isEqualTo(201);
		Api.Response typeChange = as(editor, this.api.post(PROMPTS))
			.json(body("name", name, "type", "chat", "prompt", List.of(Map.of("role", "user", "content", "x"))))
			.send();
		assertLangfuseError(typeChange, 400, "InvalidRequestError");
		Api.Response setLatest = as(editor, this.api.patch(PROMPTS + "/" + name + "/versions/1"))
			.json(body("newLabels", List.of("latest")))
			.send();
		assertLangfuseError(setLatest, 400, "InvalidRequestError");
		Api.Response noVersion = as(editor, this.api.patch(PROMPTS + "/" + name + "/versions/9"))
			.json(body("newLabels", List.of("staging")))
			.send();
		assertLangfuseError(noVersion, 404, "LangfuseNotFoundError");
	}

	@Test
	void aLabelUpdateMovesAllOrNone() {
		TestUser editor = createUser("editor");
		String name = uniqueName("labels");
		as(editor, this.api.post(PROMPTS)).json(body("name", name, "prompt", "one")).send();
		as(editor, this.api.post(PROMPTS)).json(body("name", name, "prompt", "two")).send();
		String guarded = uniqueName("guarded");
		assertThat(this.api.put("/label-policies/" + guarded).json(body("approvals", 1)).send().status())
			.isEqualTo(200);
		Api.Response refused = as(editor, this.api.patch(PROMPTS + "/" + name + "/versions/1"))
			.json(body("newLabels", List.of("staging", guarded)))
			.send();
		assertLangfuseError(refused, 403, "ForbiddenError");
		Api.Response staging = as(editor, this.api.get(PROMPTS + "/" + name + "?label=staging")).send();
		assertThat(staging.status()).as("the first label did not move either").isEqualTo(404);
		Api.Response moved = as(editor, this.api.patch(PROMPTS + "/" + name + "/versions/1"))
			.json(body("newLabels", List.of("staging", "production")))
			.send();
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertThat(moved.json().get("labels").toString()).isEqualTo("[\"production\",\"staging\"]");
		Api.Response byDefault = as(editor, this.api.get(PROMPTS + "/" + name)).send();
		assertThat(byDefault.json().get("version").asInt()).isEqualTo(1);
	}

	@Test
	void listsFilterByNameLabelTagAndTimeAndPageByNumber() {
		TestUser viewer = createUser("viewer");
		String tag = uniqueName("tag");
		String first = uniqueName("l-a");
		String second = uniqueName("l-b");
		for (String name : List.of(first, second)) {
			Api.Response created = this.api.post("/prompts")
				.json(body("name", name, "content", "c", "tags", List.of(tag), "labels",
						List.of(name.equals(first) ? "production" : "staging")))
				.send();
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
		JsonNode page = as(viewer, this.api.get(PROMPTS + "?tag=" + tag + "&limit=1&page=2")).send().json();
		assertThat(page.get("data").size()).isEqualTo(1);
		assertThat(page.get("meta").get("totalItems").asInt()).isEqualTo(2);
		assertThat(page.get("meta").get("totalPages").asInt()).isEqualTo(2);
		assertThat(page.get("meta").get("page").asInt()).isEqualTo(2);
		List<String> names = List.of(first, second).stream().sorted().toList();
		assertThat(page.get("data").get(0).get("name").asString()).as("name order").isEqualTo(names.get(1));
		JsonNode labelled = as(viewer, this.api.get(PROMPTS + "?tag=" + tag + "&label=staging")).send().json();
		assertThat(labelled.get("data").size()).isEqualTo(1);
		assertThat(labelled.get("data").get(0).get("name").asString()).isEqualTo(second);
		assertThat(as(viewer, this.api.get(PROMPTS + "?tag=" + tag + "&label=latest")).send().json().get("data").size())
			.isEqualTo(2);
		assertThat(as(viewer, this.api.get(PROMPTS + "?name=" + first)).send()
			.json()
			.get("meta")
			.get("totalItems")
			.asInt()).isEqualTo(1);
		assertThat(as(viewer, this.api.get(PROMPTS + "?tag=" + tag + "&fromUpdatedAt=2999-01-01T00:00:00Z")).send()
			.json()
			.get("data")
			.size()).isZero();
		assertThat(as(viewer, this.api.get(PROMPTS + "?tag=" + tag + "&toUpdatedAt=2999-01-01T00:00:00Z")).send()
			.json()
			.get("data")
			.size()).isEqualTo(2);
		assertLangfuseError(as(viewer, this.api.get(PROMPTS + "?fromUpdatedAt=yesterday")).send(), 400,
				"InvalidRequestError");
	}

}
