package dev.promptledger.contract;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Conventions section: authentication, strict JSON, limits, and problem+json for
 * everything that goes wrong, including what the HTTP server rejects before the
 * application sees it.
 */
abstract class ErrorsContract extends ApiTestBase {

	@Test
	void everyApiPathNeedsABearerToken() {
		for (String path : List.of("/prompts", "/prompts/x", "/no/such/path", "/me")) {
			Api.Response response = this.api.get(path).anonymous().send();
			assertProblem(response, 401, "unauthorized");
			assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
		}
		for (String header : List.of("Bearer nope", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + "x".repeat(500),
				this.adminToken)) {
			assertProblem(this.api.get("/prompts").anonymous().header("Authorization", header).send(), 401,
					"unauthorized");
		}
		assertThat(this.api.get("/prompts")
			.anonymous()
			.header("Authorization", "bearer " + this.adminToken)
			.send()
			.status()).as("the scheme is case-insensitive").isEqualTo(200);
		Api.Response me = this.api.get("/me").send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.text("username")).isEqualTo("admin");
		assertThat(me.text("role")).isEqualTo("admin");
	}

	@Test
	void everyAnswerCarriesARequestId() {
		Api.Response given = this.api.get("/prompts?limit=1").header("X-Request-Id", "trace-42").send();
		assertThat(given.header("X-Request-Id")).isEqualTo("trace-42");
		Api.Response made = this.api.get("/no/such/path").send();
		assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
		Api.Response refused = this.api.get("/prompts").header("X-Request-Id", "bad id; drop").send();
		assertThat(refused.header("X-Request-Id")).as("a header that is not a sane token is replaced")
			.matches("[0-9a-f-]{36}");
	}

	@Test
	void unknownPathsAndMethodsAreProblems() {
		assertProblem(this.api.get("/no/such/path").send(), 404, "not_found");
		assertProblem(this.api.get("/prompts/").send(), 404, "not_found");
		assertProblem(this.api.delete("/prompts").send(), 405, "method_not_allowed");
	}

	@Test
	void malformedBodiesAreRejectedWithoutCoercion() {
		assertProblem(this.api.post("/prompts").raw("application/json", "{\"name\": ").send(), 400, "malformed_json");
		assertProblem(this.api.post("/prompts").raw("application/json", "").send(), 400, "malformed_json");
		assertProblem(this.api.post("/prompts").raw("application/json", "{} {}").send(), 400, "malformed_json");
		assertProblem(this.api.post("/prompts")
			.raw("application/json", "{\"name\":\"a\",\"name\":\"b\",\"content\":\"x\"}")
			.send(), 400, "malformed_json");
		assertProblem(this.api.post("/prompts").raw("application/json", "[".repeat(100) + "]".repeat(100)).send(), 400,
				"malformed_json");
		assertProblem(this.api.post("/prompts")
			.raw("application/json", new byte[] { '{', '"', 'n', (byte) 0xC3, '"', ':', '1', '}' })
			.send(), 400, "malformed_json");
		Api.Response types = this.api.post("/prompts")
			.raw("application/json", "{\"name\": 42, \"content\": [\"x\"], \"description\": true}")
			.send();
		assertProblem(types, 400, "validation_failed");
		assertThat(types.json().get("errors")).hasSize(3);
		Api.Response unknown = this.api.post("/prompts")
			.json(body("name", uniqueName("u"), "content", "x", "contnet", "typo", "version", 3))
			.send();
		assertProblem(unknown, 400, "validation_failed");
		assertThat(unknown.body()).contains("contnet", "version");
		assertProblem(this.api.post("/prompts").json(body("content", "x")).send(), 400, "validation_failed");
		assertProblem(this.api.post("/prompts").raw("application/json", "\"just a string\"").send(), 400,
				"validation_failed");
		assertProblem(this.api.post("/prompts").json(body("name", uniqueName("nul"), "content", "a\u0000b")).send(),
				400, "validation_failed");
		assertProblem(this.api.post("/prompts")
			.raw("application/json", "{\"name\":\"" + uniqueName("surrogate") + "\",\"content\":\"\\ud800\"}")
			.send(), 400, "validation_failed");
		assertProblem(this.api.post("/prompts")
			.json(body("name", uniqueName("d"), "content", "x", "description", "d".repeat(4001)))
			.send(), 400, "validation_failed");
	}

	@Test
	void contentTypesOtherThanJsonAre415() {
		assertProblem(this.api.post("/prompts").raw("text/plain", "{\"name\":\"a\",\"content\":\"b\"}").send(), 415,
				"unsupported_media_type");
		assertProblem(this.api.post("/prompts").raw(null, "{\"name\":\"a\",\"content\":\"b\"}").send(), 415,
				"unsupported_media_type");
		assertProblem(this.api.post("/prompts").raw("application/json; charset=latin1", "{}").send(), 415,
				"unsupported_media_type");
		assertThat(this.api.post("/prompts")
			.raw("application/json; charset=utf-8", Api.json(body("name", uniqueName("cs"), "content", "x")))
			.send()
			.status()).isEqualTo(201);
	}

	@Test
	void contentOverTheLimitIs413AndTheBodyLimitIsLarger() {
		String big = "x".repeat(65_537);
		assertProblem(this.api.post("/prompts").json(body("name", uniqueName("big"), "content", big)).send(), 413,
				"content_too_large");
		String justRight = "é".repeat(32_768);
		assertThat(
				this.api.post("/prompts").json(body("name", uniqueName("fits"), "content", justRight)).send().status())
			.isEqualTo(201);
		assertProblem(
				this.api.post("/prompts").json(body("name", uniqueName("multi"), "content", "é".repeat(32_769))).send(),
				413, "content_too_large");
		assertProblem(
				this.api.post("/prompts").json(body("name", uniqueName("huge"), "content", "x".repeat(300_000))).send(),
				413, "payload_too_large");
	}

	@Test
	void requestsTheHttpServerRejectsAreProblemsToo() throws IOException {
		for (String target : List.of("/prompts/%00", "/prompts/a%2Fb", "/prompts/%zz",
				"/prompts/..%2f..%2fetc%2fpasswd", "/prompts;x=1", "/prompts?q=%zz")) {
			String response = rawRequest("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ this.adminToken + "\r\nConnection: close\r\n\r\n");
			assertThat(response).as(target).startsWith("HTTP/1.1 400");
			assertThat(response).as(target).containsIgnoringCase("Content-Type: application/problem+json");
			assertThat(response).as(target).containsPattern("\"code\":\"(bad_request|invalid_parameter)\"");
			assertThat(response).as(target).doesNotContain("Exception", "Tomcat", "<html");
		}
		String huge = rawRequest("GET /prompts HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "a".repeat(40_000)
				+ "\r\nConnection: close\r\n\r\n");
		assertThat(huge).matches("(?s)HTTP/1.1 (400|431).*");
		assertThat(huge).containsIgnoringCase("Content-Type: application/problem+json");
	}

	@Test
	void healthAndTheOpenApiDocumentNeedNoCredentials() {
		Api.Response health = this.api.get("/health").anonymous().send();
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
		Api.Response openapi = this.api.get("/openapi.json").anonymous().send();
		assertThat(openapi.status()).isEqualTo(200);
		var paths = openapi.json().get("paths");
		for (String path : List.of("/prompts", "/prompts/{id}", "/prompts/{id}/versions",
				"/prompts/{id}/versions/{version}", "/prompts/{id}/versions/{version}/diff",
				"/prompts/{id}/versions/{version}/revert", "/health", "/me", "/metrics")) {
			assertThat(paths.has(path)).as(path).isTrue();
		}
		assertThat(openapi.json().get("security").get(0).has("bearer")).isTrue();
		assertThat(paths.get("/health").get("get").get("security")).as("health needs no token").isEmpty();
		assertThat(paths.get("/prompts").get("post").get("requestBody").get("content").has("application/json"))
			.isTrue();
		assertThat(paths.get("/prompts/{id}")
			.get("patch")
			.get("requestBody")
			.get("content")
			.has("application/merge-patch+json")).isTrue();
		assertThat(paths.has("/error")).isFalse();
		Api.Response docs = this.api.get("/docs").anonymous().send();
		assertThat(docs.status()).isIn(200, 302);
	}

	/**
	 * Every operation lists the statuses it can answer: its success as the server answers
	 * it (204 for deletes, 201 for creations, never an extra 200) and the problems the
	 * contract's rules give it, each application/problem+json with the Problem schema;
	 * the contract's paths are used verbatim; request bodies carry their limits.
	 */
	@Test
	void theOpenApiDocumentListsEveryStatusAndEveryLimit() {
		var document = this.api.get("/openapi.json").anonymous().send().json();
		var paths = document.get("paths");
		assertThat(paths.has("/tokens/{token_id}")).as("the contract's path variable").isTrue();
		assertThat(statuses(paths, "/prompts/{id}/labels/{label}", "delete")).contains("204").doesNotContain("200");
		assertThat(statuses(paths, "/tokens/{token_id}", "delete")).contains("204").doesNotContain("200");
		assertThat(statuses(paths, "/users", "post")).contains("201").doesNotContain("200");
		assertThat(statuses(paths, "/prompts/{id}/render", "post")).contains("200", "400", "401", "403", "404", "413",
				"415");
		assertThat(statuses(paths, "/prompts/lookup/render", "post")).contains("200", "400", "401", "404");
		assertThat(statuses(paths, "/prompts/{id}/labels/{label}", "put")).contains("200", "400", "401", "403", "404");
		assertThat(statuses(paths, "/prompts/{id}/versions/{version}/revert", "post")).contains("200", "201", "412",
				"428");
		assertThat(statuses(paths, "/prompts/{id}", "put")).contains("412", "409", "413");
		assertThat(statuses(paths, "/health", "get")).doesNotContain("401");
		var problem = paths.get("/prompts/{id}").get("get").get("responses").get("404").get("content");
		assertThat(problem.get("application/problem+json").get("schema").get("$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		var schemas = document.get("components").get("schemas");
		assertThat(schemas.get("Problem").get("required").toString()).contains("code");
		var write = schemas.get("PromptWrite").get("properties");
		assertThat(write.get("messages").get("maxItems").asInt()).isEqualTo(200);
		assertThat(write.get("tags").get("maxItems").asInt()).isEqualTo(50);
		assertThat(write.get("name").get("maxLength").asInt()).isEqualTo(200);
		assertThat(write.get("type").get("enum").toString()).isEqualTo("[\"text\",\"chat\"]");
		assertThat(schemas.get("ChatItem").get("properties").get("role").get("pattern").asString())
			.isEqualTo("^[a-z0-9_-]{1,50}$");
	}

	private static List<String> statuses(tools.jackson.databind.JsonNode paths, String path, String method) {
		List<String> codes = new java.util.ArrayList<>(paths.get(path).get(method).get("responses").propertyNames());
		java.util.Collections.sort(codes);
		return codes;
	}

	private String rawRequest(String request) throws IOException {
		return RawHttp.send(this.port, request);
	}

}
