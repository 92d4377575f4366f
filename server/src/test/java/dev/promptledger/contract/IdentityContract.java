package dev.promptledger.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/** The Roles section: users, passwords and API tokens. */
@ExtendWith(OutputCaptureExtension.class)
abstract class IdentityContract extends ApiTestBase {

	@Test
	void adminCreatesUsersWithRoles() {
		String username = uniqueName("dana");
		Api.Response created = this.api.post("/users")
			.json(body("username", username, "role", "editor", "password", "correct horse battery"))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/users/" + username);
		assertThat(created.text("username")).isEqualTo(username);
		assertThat(created.text("role")).isEqualTo("editor");
		assertThat(created.json().get("disabled").asBoolean()).isFalse();
		assertThat(created.json().get("has_password").asBoolean()).isTrue();
		assertThat(created.body()).doesNotContain("correct horse", "password_hash", "bcrypt");
		String stored = this.jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?")
			.param(username)
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{bcrypt}").doesNotContain("correct horse");
		assertProblem(this.api.post("/users").json(body("username", username, "role", "viewer")).send(), 409,
				"username_taken");
		for (Map<String, Object> bad : List.of(body("username", "has space", "role", "viewer"),
				body("username", "x".repeat(51), "role", "viewer"), body("username", uniqueName("r"), "role", "owner"),
				body("username", uniqueName("r"), "role", "Viewer"),
				body("username", uniqueName("p"), "role", "viewer", "password", "short"),
				body("username", uniqueName("p"), "role", "viewer", "password", "é".repeat(40)),
				body("username", uniqueName("x"), "role", "viewer", "disabled", true), body("role", "viewer"))) {
			assertProblem(this.api.post("/users").json(bad).send(), 400, "validation_failed");
		}
		Api.Response listed = this.api.get("/users?limit=200").send();
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).contains(username).doesNotContain("password_hash");
		assertThat(this.api.get("/users/" + username).send().text("role")).isEqualTo("editor");
		assertProblem(this.api.get("/users/nobody-" + username).send(), 404, "user_not_found");
	}

	@Test
	void tokensAreShownOnceWorkAtOnceAndStopAtOnce(CapturedOutput output) {
		TestUser user = createUser("viewer");
		assertThat(user.token()).startsWith("plg_").hasSize(47);
		Api.Response me = user.api().get("/me").send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.text("username")).isEqualTo(user.username());
		assertThat(me.text("role")).isEqualTo("viewer");
		Api.Response second = this.api.post("/users/" + user.username() + "/tokens").send();
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.text("token")).isNotEqualTo(user.token());
		assertThat(second.text("role")).isEqualTo("viewer");
		assertThat(second.text("username")).isEqualTo(user.username());
		Api.Response listed = this.api.get("/users/" + user.username() + "/tokens").send();
		JsonNode items = listed.json().get("items");
		assertThat(items).hasSize(2);
		assertThat(items.get(0).get("token_id").asString()).isEqualTo(second.text("token_id"));
		assertThat(items.get(1).get("name").asString()).isEqualTo("tests");
		assertThat(listed.body()).doesNotContain(user.token(), second.text("token"), "plg_");

		Api.Response revoked = this.api.delete("/tokens/" + user.tokenId()).send();
		assertThat(revoked.status()).isEqualTo(204);
		assertProblem(user.api().get("/me").send(), 401, "unauthorized");
		assertThat(this.api.as(second.text("token")).get("/me").send().status()).as("other tokens still work")
			.isEqualTo(200);
		assertProblem(this.api.delete("/tokens/" + user.tokenId()).send(), 404, "token_not_found");
		assertProblem(this.api.delete("/tokens/00000000-0000-4000-8000-000000000000").send(), 404, "token_not_found");
		assertProblem(this.api.delete("/tokens/not-a-token").send(), 404, "token_not_found");
		JsonNode afterRevoke = this.api.get("/users/" + user.username() + "/tokens").send().json().get("items");
		assertThat(afterRevoke.get(1).get("revoked_at").isNull()).isFalse();
		assertProblem(this.api.post("/users/nobody-" + user.username() + "/tokens").send(), 404, "user_not_found");

		assertThat(tableText()).as("no token secret in the database")
			.doesNotContain(user.token(), second.text("token"), this.adminToken);
		assertThat(output.getAll()).as("no token secret in the logs")
			.doesNotContain(user.token(), second.text("token"), this.adminToken);
		assertThat(output.getAll()).contains("Rejected credentials");
	}

	@Test
	void disablingAUserStopsAllTheirTokensAndRoleChangesApplyAtOnce() {
		TestUser user = createUser("editor");
		Api.Response second = this.api.post("/users/" + user.username() + "/tokens").send();
		Api other = this.api.as(second.text("token"));
		Api.Response disabled = this.api.patch("/users/" + user.username())
			.raw("application/merge-patch+json", "{\"disabled\": true}")
			.send();
		assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
		assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
		assertProblem(user.api().get("/me").send(), 401, "unauthorized");
		assertProblem(other.get("/prompts").send(), 401, "unauthorized");
		this.api.patch("/users/" + user.username()).raw("application/json", "{\"disabled\": false}").send();
		assertThat(user.api().get("/me").send().status()).isEqualTo(200);
		assertThat(user.api().post("/prompts").json(body("name", uniqueName("e"), "content", "x")).send().status())
			.isEqualTo(201);
		this.api.patch("/users/" + user.username()).raw("application/json", "{\"role\": \"viewer\"}").send();
		assertProblem(user.api().post("/prompts").json(body("name", uniqueName("e"), "content", "x")).send(), 403,
				"forbidden");
		assertThat(user.api().get("/me").send().text("role")).isEqualTo("viewer");
		assertProblem(
				this.api.patch("/users/" + user.username()).raw("application/json", "{\"disabled\": \"yes\"}").send(),
				400, "validation_failed");
		assertProblem(
				this.api.patch("/users/" + user.username()).raw("application/json", "{\"username\": \"x\"}").send(),
				400, "validation_failed");
		assertProblem(
				this.api.patch("/users/nobody-" + user.username()).raw("application/json", "{\"disabled\": 1}").send(),
				404, "user_not_found");
	}

	@Test
	void aMissingRightIsDecidedBeforeAMissingResource() {
		TestUser viewer = createUser("viewer");
		String nowhere = "/prompts/00000000-0000-4000-8000-000000000000";
		assertProblem(viewer.api().put(nowhere).json(body("name", "x", "content", "y")).send(), 403, "forbidden");
		assertProblem(viewer.api().delete(nowhere).send(), 403, "forbidden");
		assertProblem(viewer.api().post(nowhere + "/versions/1/revert").send(), 403, "forbidden");
		assertProblem(viewer.api().get("/users/nobody").send(), 403, "forbidden");
		assertProblem(viewer.api().get(nowhere).send(), 404, "prompt_not_found");
	}

	@Test
	void passwordsAreSetByTheAdminAndChangedByTheirOwners() {
		TestUser user = createUser("viewer");
		assertThat(this.api.put("/users/" + user.username() + "/password")
			.json(body("password", "set-by-the-admin-1"))
			.send()
			.status()).isEqualTo(204);
		assertProblem(user.api()
			.put("/me/password")
			.json(body("old_password", user.password(), "password", "never-applied-123"))
			.send(), 400, "validation_failed");
		assertThat(user.api()
			.put("/me/password")
			.json(body("old_password", "set-by-the-admin-1", "password", "chosen-by-myself-2"))
			.send()
			.status()).isEqualTo(204);
		assertProblem(user.api()
			.put("/me/password")
			.json(body("old_password", "chosen-by-myself-2", "password", "short"))
			.send(), 400, "validation_failed");
		assertProblem(
				this.api.put("/users/" + user.username() + "/password").json(body("password", 123456789012L)).send(),
				400, "validation_failed");
		assertProblem(
				this.api.put("/users/nobody-" + user.username() + "/password").raw("application/json", "{").send(), 404,
				"user_not_found");
		List<String> actions = this.jdbc
			.sql("SELECT action FROM audit_entry WHERE action = 'user.password' " + "AND details LIKE ? ORDER BY seq")
			.param("%" + user.username() + "%")
			.query(String.class)
			.list();
		assertThat(actions).hasSize(2);
	}

	/** Every text value of the tables that could hold a secret, for grepping. */
	private String tableText() {
		StringBuilder text = new StringBuilder();
		for (String table : List.of("app_user", "api_token", "audit_entry", "server_secret")) {
			this.jdbc.sql("SELECT * FROM " + table).query().listOfRows().forEach(row -> text.append(row).append('\n'));
		}
		return text.toString();
	}

	/**
	 * Usernames are unique without regard to case, {@code migration} (the adoption's
	 * author) is no name anyone can take, and a disabled user gets no new token.
	 */
	@Test
	void usernamesAreUniqueInAnyCaseAndReservedNamesAndDisabledUsersAreRefused() {
		String name = uniqueName("casey");
		assertThat(this.api.post("/users").json(body("username", name, "role", "viewer")).send().status())
			.isEqualTo(201);
		assertProblem(this.api.post("/users")
			.json(body("username", name.toUpperCase(java.util.Locale.ROOT), "role", "viewer"))
			.send(), 409, "username_taken");
		for (String reserved : List.of("migration", "Migration", "MIGRATION")) {
			Api.Response refused = assertProblem(
					this.api.post("/users").json(body("username", reserved, "role", "admin")).send(), 400,
					"validation_failed");
			assertThat(refused.body()).contains("reserved");
		}
		assertThat(this.api.patch("/users/" + name).json(body("disabled", true)).send().status()).isEqualTo(200);
		assertProblem(this.api.post("/users/" + name + "/tokens").json(body()).send(), 409, "user_disabled");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_token WHERE username = :u")
			.param("u", name)
			.query(Long.class)
			.single()).isZero();
	}

}
