package dev.promptledger.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the contract with no credentials, a revoked token, and each role. The
 * expected status of every cell is written down here, not computed.
 */
abstract class RoleMatrixContract extends ApiTestBase {

	private static final int OK = 200;

	private static final int CREATED = 201;

	private static final int NO_CONTENT = 204;

	private static final int BAD = 400;

	private static final int UNAUTHORIZED = 401;

	private static final int FORBIDDEN = 403;

	private static final int NOT_FOUND = 404;

	/**
	 * A public address (TEST-NET-3, RFC 5737) no test delivers to: the webhooks of this
	 * matrix hear of nothing that happens here.
	 */
	private static final String QUIET_TARGET = "https://203.0.113.7/hook";

	private static final String QUIET_EVENT = "prompt.deleted";

	/** The callers of the columns, in order. */
	private enum Caller {

		ANONYMOUS, REVOKED, VIEWER, EDITOR, MAINTAINER, ADMIN

	}

	/**
	 * A row: how to make the request (given a fresh fixture) and the expected status per
	 * caller.
	 */
	private record Row(String name, Function<Fixture, Api.Call> request, int... expected) {
	}

	/**
	 * Fresh things for one cell to act on, made by the admin when the cell first asks for
	 * them.
	 */
	private final class Fixture {

		private String prompt;

		private String promptName;

		private String user;

		private String tokenId;

		String prompt() {
			if (this.prompt == null) {
				Api.Response created = createPrompt(uniqueName("matrix"), "one\n");
				this.prompt = created.text("id");
				this.promptName = created.text("name");
				RoleMatrixContract.this.api.put("/prompts/" + this.prompt)
					.json(body("name", this.promptName, "content", "two\n"))
					.send();
			}
			return this.prompt;
		}

		String promptName() {
			prompt();
			return this.promptName;
		}

		private String changeRequest;

		private String policy;

		private String webhook;

		/** An open request, by the fixture's admin, to move 'production' to version 2. */
		String changeRequest() {
			if (this.changeRequest == null) {
				Api.Response opened = RoleMatrixContract.this.api.post("/prompts/" + labelled() + "/change-requests")
					.json(body("label", "production", "version", 2))
					.send();
				assertThat(opened.status()).as(opened.body()).isEqualTo(201);
				this.changeRequest = opened.text("id");
			}
			return this.changeRequest;
		}

		/** A policy of a label no other test uses. */
		String policy() {
			if (this.policy == null) {
				this.policy = uniqueName("pol");
				RoleMatrixContract.this.api.put("/label-policies/" + this.policy).json(body("approvals", 1)).send();
			}
			return this.policy;
		}

		String webhook() {
			if (this.webhook == null) {
				this.webhook = RoleMatrixContract.this.api.post("/webhooks")
					.json(body("url", QUIET_TARGET, "events", List.of(QUIET_EVENT)))
					.send()
					.text("id");
			}
			return this.webhook;
		}

		/** The prompt, with a label 'production' on version 1. */
		String labelled() {
			String id = prompt();
			RoleMatrixContract.this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send();
			return id;
		}

		String user() {
			if (this.user == null) {
				this.user = uniqueName("target");
				Api admin = RoleMatrixContract.this.api;
				assertThat(admin.post("/users").json(body("username", this.user, "role", "viewer")).send().status())
					.isEqualTo(201);
				this.tokenId = admin.post("/users/" + this.user + "/tokens").send().text("token_id");
			}
			return this.user;
		}

		String tokenId() {
			user();
			return this.tokenId;
		}

	}

	private List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		// anon revoked viewer editor maint admin
		rows.add(new Row("GET /prompts", f -> call(Api::get, "/prompts"), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("POST /prompts",
				f -> call(Api::post, "/prompts").json(body("name", uniqueName("m"), "content", "x")), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, CREATED, CREATED, CREATED));
		rows.add(new Row("GET /prompts/{id}", f -> call(Api::get, "/prompts/" + f.prompt()), UNAUTHORIZED, UNAUTHORIZED,
				OK, OK, OK, OK));
		rows.add(new Row("PUT /prompts/{id}",
				f -> call(Api::put, "/prompts/" + f.prompt()).json(body("name", f.promptName(), "content", "three\n")),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, OK, OK, OK));
		rows.add(new Row(
				"PATCH /prompts/{id}", f -> call(Api::patch, "/prompts/" + f.prompt())
					.raw("application/merge-patch+json", "{\"content\":\"four\"}"),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, OK, OK, OK));
		rows.add(new Row("DELETE /prompts/{id}", f -> call(Api::delete, "/prompts/" + f.prompt()), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NO_CONTENT, NO_CONTENT));
		rows.add(new Row("GET /prompts/{id}/versions", f -> call(Api::get, "/prompts/" + f.prompt() + "/versions"),
				UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("GET /prompts/{id}/versions/{version}",
				f -> call(Api::get, "/prompts/" + f.prompt() + "/versions/1"), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK,
				OK));
		rows.add(new Row("GET /prompts/{id}/versions/{version}/diff",
				f -> call(Api::get, "/prompts/" + f.prompt() + "/versions/2/diff"), UNAUTHORIZED, UNAUTHORIZED, OK, OK,
				OK, OK));
		rows.add(new Row("POST /prompts/{id}/versions/{version}/revert",
				f -> call(Api::post, "/prompts/" + f.prompt() + "/versions/1/revert").json(body("confirm", true)),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, CREATED, CREATED));
		rows.add(new Row("POST .../revert?dry_run=true",
				f -> call(Api::post, "/prompts/" + f.prompt() + "/versions/1/revert?dry_run=true"), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK));
		rows.add(new Row("GET /prompts/lookup", f -> call(Api::get, "/prompts/lookup?name=" + f.promptName()),
				UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("GET /prompts/{id}/labels", f -> call(Api::get, "/prompts/" + f.labelled() + "/labels"),
				UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("PUT /prompts/{id}/labels/{label}",
				f -> call(Api::put, "/prompts/" + f.labelled() + "/labels/production").json(body("version", 2)),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, OK, OK, OK));
		rows.add(new Row("DELETE /prompts/{id}/labels/{label}",
				f -> call(Api::delete, "/prompts/" + f.labelled() + "/labels/production"), UNAUTHORIZED, UNAUTHORIZED,
				FORBIDDEN, NO_CONTENT, NO_CONTENT, NO_CONTENT));
		rows.add(new Row("GET /prompts/{id}/labels/{label}/at",
				f -> call(Api::get, "/prompts/" + f.labelled() + "/labels/production/at?time=2999-01-01T00:00:00Z"),
				UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("POST /prompts/{id}/change-requests",
				f -> call(Api::post, "/prompts/" + f.labelled() + "/change-requests")
					.json(body("label", "production", "version", 2)),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, CREATED, CREATED, CREATED));
		rows.add(new Row("GET /prompts/{id}/change-requests",
				f -> call(Api::get, "/prompts/" + f.labelled() + "/change-requests"), UNAUTHORIZED, UNAUTHORIZED, OK,
				OK, OK, OK));
		rows.add(new Row("GET /change-requests", f -> call(Api::get, "/change-requests?status=open"), UNAUTHORIZED,
				UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("GET /change-requests/{cr}", f -> call(Api::get, "/change-requests/" + f.changeRequest()),
				UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("POST /change-requests/{cr}/approve (no policy: maintainer)",
				f -> call(Api::post, "/change-requests/" + f.changeRequest() + "/approve"), UNAUTHORIZED, UNAUTHORIZED,
				FORBIDDEN, FORBIDDEN, OK, OK));
		rows.add(
				new Row("POST /change-requests/{cr}/reject",
						f -> call(Api::post, "/change-requests/" + f.changeRequest() + "/reject")
							.json(body("comment", "not yet")),
						UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK));
		rows.add(new Row("POST /change-requests/{cr}/cancel (another's request)",
				f -> call(Api::post, "/change-requests/" + f.changeRequest() + "/cancel"), UNAUTHORIZED, UNAUTHORIZED,
				FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("GET /label-policies", f -> call(Api::get, "/label-policies"), UNAUTHORIZED, UNAUTHORIZED,
				FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("PUT /label-policies/{label}",
				f -> call(Api::put, "/label-policies/" + uniqueName("pol")).json(body("approvals", 0)), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("DELETE /label-policies/{label}", f -> call(Api::delete, "/label-policies/" + f.policy()),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_CONTENT));
		rows.add(new Row("GET /webhooks", f -> call(Api::get, "/webhooks"), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN,
				FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("POST /webhooks",
				f -> call(Api::post, "/webhooks").json(body("url", QUIET_TARGET, "events", List.of(QUIET_EVENT))),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED));
		rows.add(new Row("GET /webhooks/{id}", f -> call(Api::get, "/webhooks/" + f.webhook()), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("GET /webhooks/{id}/deliveries",
				f -> call(Api::get, "/webhooks/" + f.webhook() + "/deliveries"), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN,
				FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("DELETE /webhooks/{id}", f -> call(Api::delete, "/webhooks/" + f.webhook()), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_CONTENT));
		rows.add(new Row("GET /prompts/{id}/labels/{label}/history",
				f -> call(Api::get, "/prompts/" + f.labelled() + "/labels/production/history"), UNAUTHORIZED,
				UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("POST /prompts/{id}/render",
				f -> call(Api::post, "/prompts/" + f.prompt() + "/render").json(body("variables", body())),
				UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("GET /me", f -> call(Api::get, "/me"), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("PUT /me/password (wrong old password)",
				f -> call(Api::put, "/me/password")
					.json(body("old_password", "not-the-password", "password", "a-new-password-123")),
				UNAUTHORIZED, UNAUTHORIZED, BAD, BAD, BAD, BAD));
		rows.add(new Row("GET /users", f -> call(Api::get, "/users"), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN,
				FORBIDDEN, OK));
		rows.add(new Row("POST /users",
				f -> call(Api::post, "/users").json(body("username", uniqueName("u"), "role", "viewer")), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED));
		rows.add(new Row(
				"PATCH /users/{username}", f -> call(Api::patch, "/users/" + f.user())
					.raw("application/merge-patch+json", "{\"role\":\"editor\"}"),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("PUT /users/{username}/password",
				f -> call(Api::put, "/users/" + f.user() + "/password")
					.json(body("password", "a-long-enough-password")),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_CONTENT));
		rows.add(new Row("GET /users/{username}/tokens", f -> call(Api::get, "/users/" + f.user() + "/tokens"),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
		rows.add(new Row("POST /users/{username}/tokens", f -> call(Api::post, "/users/" + f.user() + "/tokens"),
				UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED));
		rows.add(new Row("DELETE /tokens/{token_id}", f -> call(Api::delete, "/tokens/" + f.tokenId()), UNAUTHORIZED,
				UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_CONTENT));
		rows.add(new Row("GET /audit", f -> call(Api::get, "/audit"), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN,
				FORBIDDEN, OK));
		rows.add(new Row("GET /health", f -> call(Api::get, "/health"), OK, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("GET /openapi.json", f -> call(Api::get, "/openapi.json"), OK, UNAUTHORIZED, OK, OK, OK, OK));
		rows.add(new Row("GET /no/such/path", f -> call(Api::get, "/no/such/path"), UNAUTHORIZED, UNAUTHORIZED,
				NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND));
		return rows;
	}

	/**
	 * The request is built against a placeholder client; {@link #send} re-targets it to
	 * the caller.
	 */
	private interface Method {

		Api.Call on(Api api, String path);

	}

	private Api.Call call(Method method, String path) {
		return method.on(this.callerApi, path);
	}

	private Api callerApi;

	@Test
	void everyEndpointAnswersEachCallerAsTheContractSays() {
		TestUser viewer = createUser("viewer");
		TestUser editor = createUser("editor");
		TestUser maintainer = createUser("maintainer");
		TestUser admin = createUser("admin");
		TestUser revoked = createUser("admin");
		assertThat(this.api.delete("/tokens/" + revoked.tokenId()).send().status()).isEqualTo(204);
		List<String> mismatches = new ArrayList<>();
		int cells = 0;
		for (Row row : rows()) {
			for (Caller caller : Caller.values()) {
				Fixture fixture = new Fixture();
				this.callerApi = switch (caller) {
					case ANONYMOUS -> this.api.as(null);
					case REVOKED -> revoked.api();
					case VIEWER -> viewer.api();
					case EDITOR -> editor.api();
					case MAINTAINER -> maintainer.api();
					case ADMIN -> admin.api();
				};
				Api.Response response = row.request().apply(fixture).send();
				int expected = row.expected()[caller.ordinal()];
				cells++;
				if (response.status() != expected) {
					mismatches.add(row.name() + " as " + caller + ": expected " + expected + ", got " + response);
				}
				else if (expected == UNAUTHORIZED || expected == FORBIDDEN) {
					assertProblem(response, expected, expected == UNAUTHORIZED ? "unauthorized" : "forbidden");
				}
			}
		}
		for (tools.jackson.databind.JsonNode webhook : this.api.get("/webhooks").send().json().get("items")) {
			if (webhook.get("url").asString().equals(QUIET_TARGET)) {
				this.api.delete("/webhooks/" + webhook.get("id").asString()).send();
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(cells).isEqualTo(rows().size() * Caller.values().length);
	}

}
