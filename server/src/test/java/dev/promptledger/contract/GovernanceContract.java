package dev.promptledger.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label policies and change requests: the policy × role × credential matrix written down
 * cell by cell, the request's whole life (self-approval refused, applied in the approving
 * request, stale when the label moved), and the audit trail. Every label name here is
 * unique to its test: a policy guards a name on every prompt.
 */
abstract class GovernanceContract extends ApiTestBase {

	private static final int OK = 200;

	private static final int NO_CONTENT = 204;

	private static final int FORBIDDEN = 403;

	private static final int APPROVAL = 409;

	/** A prompt with three versions; its id. */
	private String prompt() {
		Api.Response created = createPrompt(uniqueName("governed"), "Hello {{name}}, v1");
		String id = created.text("id");
		for (int v = 2; v <= 3; v++) {
			assertThat(this.api.patch("/prompts/" + id)
				.raw("application/merge-patch+json", "{\"content\":\"Hello {{name}}, v" + v + "\"}")
				.send()
				.status()).isEqualTo(200);
		}
		return id;
	}

	private String policy(int approvals, String approverRole) {
		String label = uniqueName("guarded");
		Api.Response set = this.api.put("/label-policies/" + label)
			.json(body("approvals", approvals, "approver_role", approverRole))
			.send();
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		return label;
	}

	@Test
	void policiesAreSetReadChangedAndDeletedByAdminsWithTheirAudit() {
		String label = uniqueName("policy");
		Api.Response set = this.api.put("/label-policies/" + label).json(body("approvals", 2)).send();
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(set.json().get("approvals").asInt()).isEqualTo(2);
		assertThat(set.text("approver_role")).as("the default approver").isEqualTo("maintainer");
		assertThat(set.text("updated_by")).isEqualTo("admin");
		assertThat(this.api.get("/label-policies/" + label).send().json().get("approvals").asInt()).isEqualTo(2);
		JsonNode all = this.api.get("/label-policies").send().json().get("items");
		assertThat(all.findValuesAsString("label")).contains(label);

		this.api.put("/label-policies/" + label).json(body("approvals", 2, "approver_role", "maintainer")).send();
		this.api.put("/label-policies/" + label).json(body("approvals", 0, "approver_role", "admin")).send();
		JsonNode audit = this.api.get("/audit?action=policy.set&limit=50").send().json().get("items");
		List<JsonNode> mine = new ArrayList<>();
		audit.forEach(entry -> {
			if (entry.get("details").get("label").asString().equals(label)) {
				mine.add(entry);
			}
		});
		assertThat(mine).as("setting the same policy again records nothing").hasSize(2);
		assertThat(mine.get(0).get("details").get("to").get("approver_role").asString()).isEqualTo("admin");
		assertThat(mine.get(0).get("details").get("from").get("approvals").asInt()).isEqualTo(2);

		assertProblem(this.api.put("/label-policies/" + label).json(body("approvals", 6)).send(), 400,
				"validation_failed");
		assertProblem(this.api.put("/label-policies/" + label).json(body("approvals", "1")).send(), 400,
				"validation_failed");
		assertProblem(
				this.api.put("/label-policies/" + label).json(body("approvals", 1, "approver_role", "editor")).send(),
				400, "validation_failed");
		assertProblem(this.api.put("/label-policies/" + label).json(body("approvals", 1, "approvers", 2)).send(), 400,
				"validation_failed");
		assertProblem(this.api.put("/label-policies/latest").json(body("approvals", 1)).send(), 400,
				"validation_failed");

		assertThat(this.api.delete("/label-policies/" + label).send().status()).isEqualTo(NO_CONTENT);
		assertProblem(this.api.delete("/label-policies/" + label).send(), 404, "policy_not_found");
		assertProblem(this.api.get("/label-policies/" + label).send(), 404, "policy_not_found");
		JsonNode deleted = this.api.get("/audit?action=policy.delete&limit=5").send().json().get("items");
		assertThat(deleted.get(0).get("details").get("label").asString()).isEqualTo(label);
	}

	/**
	 * Who may move and delete a label directly, by its policy: the expected answer of
	 * every cell is written here. Columns: viewer, editor, maintainer, admin (a token
	 * each), then the bootstrap admin's token.
	 */
	@Test
	void thePolicyRoleAndCredentialMatrixHolds() {
		String none = uniqueName("free");
		String maintainers = policy(0, "maintainer");
		String admins = policy(0, "admin");
		String reviewed = policy(2, "maintainer");
		String adminReviewed = policy(1, "admin");
		Map<String, int[]> moves = new LinkedHashMap<>();
		moves.put(none, new int[] { FORBIDDEN, OK, OK, OK, OK });
		moves.put(maintainers, new int[] { FORBIDDEN, FORBIDDEN, OK, OK, OK });
		moves.put(admins, new int[] { FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK });
		moves.put(reviewed, new int[] { FORBIDDEN, APPROVAL, APPROVAL, APPROVAL, APPROVAL });
		moves.put(adminReviewed, new int[] { FORBIDDEN, APPROVAL, APPROVAL, APPROVAL, APPROVAL });
		Map<String, int[]> deletes = new LinkedHashMap<>();
		deletes.put(none, new int[] { FORBIDDEN, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT });
		deletes.put(maintainers, new int[] { FORBIDDEN, FORBIDDEN, NO_CONTENT, NO_CONTENT, NO_CONTENT });
		deletes.put(admins, new int[] { FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_CONTENT, NO_CONTENT });
		deletes.put(reviewed, new int[] { FORBIDDEN, APPROVAL, APPROVAL, APPROVAL, APPROVAL });
		deletes.put(adminReviewed, new int[] { FORBIDDEN, APPROVAL, APPROVAL, APPROVAL, APPROVAL });
		List<Api> callers = List.of(createUser("viewer").api(), createUser("editor").api(),
				createUser("maintainer").api(), createUser("admin").api(), this.api);
		List<String> names = List.of("viewer", "editor", "maintainer", "admin", "bootstrap admin");
		List<String> mismatches = new ArrayList<>();
		for (Map.Entry<String, int[]> row : moves.entrySet()) {
			for (int c = 0; c < callers.size(); c++) {
				String id = prompt();
				Api.Response moved = callers.get(c)
					.put("/prompts/" + id + "/labels/" + row.getKey())
					.json(body("version", 2))
					.send();
				check(mismatches, "PUT " + row.getKey() + " as " + names.get(c), moved, row.getValue()[c]);
				Api.Response labels = this.api.get("/prompts/" + id + "/labels").send();
				assertThat(labels.json().get("items").size()).as("a refused move moves nothing")
					.isEqualTo(moved.status() == OK ? 1 : 0);
			}
		}
		for (Map.Entry<String, int[]> row : deletes.entrySet()) {
			for (int c = 0; c < callers.size(); c++) {
				String id = prompt();
				boolean settable = !row.getKey().equals(reviewed) && !row.getKey().equals(adminReviewed);
				if (settable) {
					assertThat(this.api.put("/prompts/" + id + "/labels/" + row.getKey())
						.json(body("version", 1))
						.send()
						.status()).isEqualTo(OK);
				}
				Api.Response deleted = callers.get(c).delete("/prompts/" + id + "/labels/" + row.getKey()).send();
				check(mismatches, "DELETE " + row.getKey() + " as " + names.get(c), deleted, row.getValue()[c]);
			}
		}
		assertThat(mismatches).isEmpty();
		Api.Response refused = this.api.put("/prompts/" + prompt() + "/labels/" + reviewed)
			.json(body("version", 1))
			.send();
		assertProblem(refused, 409, "approval_required");
		assertThat(refused.text("detail")).contains("change request");
		for (String label : List.of(maintainers, admins, reviewed, adminReviewed)) {
			this.api.delete("/label-policies/" + label).send();
		}
	}

	private static void check(List<String> mismatches, String cell, Api.Response response, int expected) {
		if (response.status() != expected) {
			mismatches.add(cell + ": expected " + expected + ", got " + response);
		}
		else if (expected == APPROVAL) {
			assertProblem(response, 409, "approval_required");
		}
		else if (expected == FORBIDDEN) {
			assertProblem(response, 403, "forbidden");
		}
	}

	@Test
	void aWriteCarryingAGuardedLabelIsRefusedBeforeAnythingIsWritten() {
		String reviewed = policy(1, "maintainer");
		String maintainers = policy(0, "maintainer");
		String name = uniqueName("carried");
		assertProblem(
				this.api.post("/prompts").json(body("name", name, "content", "x", "labels", List.of(reviewed))).send(),
				409, "approval_required");
		assertThat(this.api.get("/prompts/lookup?name=" + name).send().status()).as("no prompt was created")
			.isEqualTo(404);
		String id = prompt();
		Api editor = createUser("editor").api();
		assertProblem(editor.patch("/prompts/" + id)
			.raw("application/merge-patch+json", "{\"content\":\"v4\",\"labels\":[\"" + maintainers + "\"]}")
			.send(), 403, "forbidden");
		assertProblem(this.api.patch("/prompts/" + id)
			.raw("application/merge-patch+json", "{\"content\":\"v4\",\"labels\":[\"" + reviewed + "\"]}")
			.send(), 409, "approval_required");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt()).as("no version was written")
			.isEqualTo(3);
		Api.Response allowed = createUser("maintainer").api()
			.patch("/prompts/" + id)
			.raw("application/merge-patch+json", "{\"content\":\"v4\",\"labels\":[\"" + maintainers + "\"]}")
			.send();
		assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
		assertThat(this.api.get("/prompts/" + id + "?label=" + maintainers).send().json().get("version").asInt())
			.isEqualTo(4);
		this.api.delete("/label-policies/" + reviewed).send();
		this.api.delete("/label-policies/" + maintainers).send();
	}

	@Test
	void aChangeRequestIsApprovedByOthersAndAppliedWhenTheCountIsReached() {
		String label = policy(2, "maintainer");
		String id = prompt();
		TestUser author = createUser("maintainer");
		TestUser second = createUser("maintainer");
		TestUser viewer = createUser("viewer");
		Api.Response opened = author.api()
			.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 2, "message", "ship v2"))
			.send();
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		JsonNode cr = opened.json();
		String crId = cr.get("id").asString();
		assertThat(opened.header("Location")).isEqualTo("/change-requests/" + crId);
		assertThat(cr.get("status").asString()).isEqualTo("open");
		assertThat(cr.get("prompt_id").asString()).isEqualTo(id);
		assertThat(cr.get("label").asString()).isEqualTo(label);
		assertThat(cr.get("from_version_id").isNull()).as("the label was not set").isTrue();
		assertThat(cr.get("to_number").asInt()).isEqualTo(2);
		assertThat(cr.get("created_by").asString()).isEqualTo(author.username());
		assertThat(cr.get("message").asString()).isEqualTo("ship v2");
		assertThat(cr.get("approvals")).isEmpty();
		assertThat(cr.get("required_approvals").asInt()).isEqualTo(2);
		assertThat(cr.get("diff").get("unified").asString()).contains("+Hello {{name}}, v2");
		assertThat(this.api.get("/change-requests/" + crId).send().json().get("proposed").get("content").asString())
			.as("the reviewer's preview")
			.isEqualTo("Hello {{name}}, v2");

		assertProblem(author.api().post("/change-requests/" + crId + "/approve").send(), 403, "self_approval");
		assertProblem(viewer.api().post("/change-requests/" + crId + "/approve").send(), 403, "forbidden");
		Api.Response first = second.api()
			.post("/change-requests/" + crId + "/approve")
			.json(body("comment", "looks right"))
			.send();
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("status").asString()).isEqualTo("open");
		assertThat(first.json().get("approvals").get(0).get("approver").asString()).isEqualTo(second.username());
		assertThat(first.json().get("approvals").get(0).get("comment").asString()).isEqualTo("looks right");
		assertProblem(second.api().post("/change-requests/" + crId + "/approve").send(), 409, "already_approved");
		assertThat(this.api.get("/prompts/" + id + "/labels").send().json().get("items")).as("not yet").isEmpty();

		Api.Response applied = this.api.post("/change-requests/" + crId + "/approve").send();
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		assertThat(applied.json().get("status").asString()).isEqualTo("applied");
		assertThat(applied.json().get("closed_by").asString()).isEqualTo("admin");
		assertThat(this.api.get("/prompts/" + id + "?label=" + label).send().json().get("version").asInt())
			.isEqualTo(2);
		JsonNode history = this.api.get("/prompts/" + id + "/labels/" + label + "/history").send().json().get("items");
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("change_request_id").asString()).isEqualTo(crId);
		assertThat(history.get(0).get("message").asString()).isEqualTo("ship v2");
		assertProblem(this.api.post("/change-requests/" + crId + "/approve").send(), 409, "change_request_closed");
		assertProblem(author.api().post("/change-requests/" + crId + "/cancel").send(), 409, "change_request_closed");

		List<String> actions = new ArrayList<>();
		this.api.get("/audit?prompt_id=" + id + "&limit=20")
			.send()
			.json()
			.get("items")
			.forEach(e -> actions.add(e.get("action").asString()));
		assertThat(actions).containsSubsequence("change_request.apply", "label.move", "change_request.approve",
				"change_request.approve", "change_request.open");
		JsonNode move = this.api.get("/audit?prompt_id=" + id + "&action=label.move").send().json().get("items").get(0);
		assertThat(move.get("details").get("change_request_id").asString()).isEqualTo(crId);

		JsonNode listed = this.api.get("/prompts/" + id + "/change-requests?status=applied").send().json();
		assertThat(listed.get("items").get(0).get("id").asString()).isEqualTo(crId);
		assertThat(listed.get("items").get(0).has("diff")).as("lists leave the diff out").isFalse();
		assertThat(this.api.get("/prompts/" + id + "/change-requests?status=open").send().json().get("items"))
			.isEmpty();
		assertProblem(this.api.get("/change-requests?status=done").send(), 400, "invalid_parameter");
		this.api.delete("/label-policies/" + label).send();
	}

	@Test
	void aRequestWhoseLabelMovedMeanwhileIsStaleAndMovesNothing() {
		String label = policy(1, "maintainer");
		String id = prompt();
		Api editor = createUser("editor").api();
		String toTwo = editor.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 2))
			.send()
			.text("id");
		String toThree = editor.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 3))
			.send()
			.text("id");
		assertThat(this.api.post("/change-requests/" + toTwo + "/approve").send().status()).isEqualTo(200);
		Api.Response stale = this.api.post("/change-requests/" + toThree + "/approve").send();
		assertProblem(stale, 409, "change_request_stale");
		assertThat(this.api.get("/change-requests/" + toThree).send().json().get("status").asString())
			.isEqualTo("stale");
		assertThat(this.api.get("/prompts/" + id + "?label=" + label).send().json().get("version").asInt())
			.as("nothing moved")
			.isEqualTo(2);
		JsonNode audit = this.api.get("/audit?prompt_id=" + id + "&action=change_request.stale").send().json();
		assertThat(audit.get("items")).hasSize(1);
		this.api.delete("/label-policies/" + label).send();
	}

	@Test
	void requestsAreRejectedCancelledAndDeleteLabels() {
		String label = policy(1, "admin");
		String id = prompt();
		TestUser author = createUser("editor");
		Api maintainer = createUser("maintainer").api();
		String first = author.api()
			.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 1))
			.send()
			.text("id");
		assertProblem(maintainer.post("/change-requests/" + first + "/approve").send(), 403, "forbidden");
		assertProblem(this.api.post("/change-requests/" + first + "/reject").send(), 400, "validation_failed");
		Api.Response rejected = this.api.post("/change-requests/" + first + "/reject")
			.json(body("comment", "not v1"))
			.send();
		assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
		assertThat(rejected.json().get("comment").asString()).isEqualTo("not v1");

		String second = author.api()
			.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 3))
			.send()
			.text("id");
		assertProblem(createUser("editor").api().post("/change-requests/" + second + "/cancel").send(), 403,
				"forbidden");
		assertThat(author.api().post("/change-requests/" + second + "/cancel").send().json().get("status").asString())
			.isEqualTo("cancelled");

		String third = author.api()
			.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 3))
			.send()
			.text("id");
		this.api.post("/change-requests/" + third + "/approve").send();
		Api.Response deletion = author.api()
			.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "delete", true, "message", "retire it"))
			.send();
		assertThat(deletion.status()).as(deletion.body()).isEqualTo(201);
		assertThat(deletion.json().get("delete").asBoolean()).isTrue();
		assertThat(deletion.json().has("diff")).isFalse();
		Api.Response applied = this.api.post("/change-requests/" + deletion.text("id") + "/approve").send();
		assertThat(applied.json().get("status").asString()).isEqualTo("applied");
		assertThat(this.api.get("/prompts/" + id + "/labels").send().json().get("items")).isEmpty();
		this.api.delete("/label-policies/" + label).send();
	}

	@Test
	void openingARequestChecksWhatItAsks() {
		String label = uniqueName("asked");
		String id = prompt();
		String path = "/prompts/" + id + "/change-requests";
		assertProblem(this.api.post(path).json(body("label", label, "version", 2, "delete", true)).send(), 400,
				"validation_failed");
		assertProblem(this.api.post(path).json(body("label", label)).send(), 400, "validation_failed");
		assertProblem(this.api.post(path).json(body("label", "latest", "version", 2)).send(), 400, "validation_failed");
		assertProblem(this.api.post(path).json(body("label", label, "version", 2, "status", "applied")).send(), 400,
				"validation_failed");
		assertProblem(this.api.post(path).json(body("label", label, "version", 9)).send(), 404, "version_not_found");
		assertProblem(this.api.post(path).json(body("label", label, "delete", true)).send(), 404, "label_not_found");
		assertProblem(this.api.post("/prompts/00000000-0000-0000-0000-000000000000/change-requests")
			.json(body("label", label, "version", 2))
			.send(), 404, "prompt_not_found");
		this.api.put("/prompts/" + id + "/labels/" + label).json(body("version", 2)).send();
		assertProblem(this.api.post(path).json(body("label", label, "version", 2)).send(), 400, "validation_failed");
		assertProblem(this.api.get("/change-requests/not-an-id").send(), 404, "change_request_not_found");
		assertProblem(this.api.post("/change-requests/00000000-0000-0000-0000-000000000000/approve").send(), 404,
				"change_request_not_found");
	}

	@Test
	void webhooksAreCreatedOnceWithTheirSecretAndPrivateTargetsAreRefused() {
		for (String url : List.of("http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/hook",
				"http://192.168.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
				"http://100.64.0.1/", "http://0.0.0.0/")) {
			assertProblem(this.api.post("/webhooks").json(body("url", url, "events", List.of("*"))).send(), 400,
					"webhook_url_forbidden");
		}
		for (String url : List.of("ftp://203.0.113.9/x", "https://user:pw@203.0.113.9/x", "not a url", "/relative")) {
			assertProblem(this.api.post("/webhooks").json(body("url", url, "events", List.of("*"))).send(), 400,
					"validation_failed");
		}
		assertProblem(this.api.post("/webhooks")
			.json(body("url", "https://203.0.113.9/x", "events", List.of("version.made")))
			.send(), 400, "validation_failed");
		assertProblem(this.api.post("/webhooks").json(body("url", "https://203.0.113.9/x", "events", List.of())).send(),
				400, "validation_failed");
		Api.Response created = this.api.post("/webhooks")
			.json(body("url", "https://203.0.113.9/x", "events", List.of("change_request.closed"), "description",
					"ops"))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("secret")).matches("whsec_[A-Za-z0-9+/]{43}=");
		assertThat(java.util.Base64.getDecoder().decode(created.text("secret").substring(6))).hasSize(32);
		String id = created.text("id");
		Api.Response read = this.api.get("/webhooks/" + id).send();
		assertThat(read.json().has("secret")).as("shown once").isFalse();
		assertThat(read.json().get("events").get(0).asString()).isEqualTo("change_request.closed");
		assertThat(this.api.get("/webhooks").send().body()).doesNotContain(created.text("secret"));
		assertThat(this.api.get("/webhooks/" + id + "/deliveries").send().json().get("items")).isEmpty();
		JsonNode audit = this.api.get("/audit?action=webhook.create&limit=1").send().json().get("items").get(0);
		assertThat(audit.get("details").toString()).doesNotContain(created.text("secret"));
		assertThat(this.api.delete("/webhooks/" + id).send().status()).isEqualTo(NO_CONTENT);
		assertProblem(this.api.get("/webhooks/" + id).send(), 404, "webhook_not_found");
		assertProblem(this.api.delete("/webhooks/" + id).send(), 404, "webhook_not_found");
		assertThat(this.api.get("/audit?action=webhook.delete&limit=1").send().json().get("items")).hasSize(1);
	}

}
