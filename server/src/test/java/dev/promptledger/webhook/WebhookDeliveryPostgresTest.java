package dev.promptledger.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.OnPostgres;
import dev.promptledger.support.SecondNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliveries on two nodes sharing one PostgreSQL database, and change requests across
 * them: two last approvals arriving together on two nodes apply once, and a request goes
 * stale when the label moves on the other node.
 */
@OnPostgres
class WebhookDeliveryPostgresTest extends WebhookDeliveryContract {

	private static SecondNode second;

	@BeforeAll
	static void startSecondNode() {
		second = new SecondNode(ALLOW_PRIVATE, SCHEDULE, POLL);
	}

	@AfterAll
	static void stopSecondNode() {
		if (second != null) {
			second.close();
		}
	}

	@Override
	protected Api other() {
		return new Api(second.base(), this.adminToken);
	}

	@Override
	protected Api other(String token) {
		return new Api(second.base(), token);
	}

	@Test
	void twoLastApprovalsOnTwoNodesApplyOnce() throws Exception {
		String label = uniqueName("twice");
		assertThat(this.api.put("/label-policies/" + label).json(body("approvals", 2)).send().status()).isEqualTo(200);
		TestUser first = createUser("maintainer");
		TestUser second = createUser("maintainer");
		TestUser third = createUser("admin");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				String id = createPrompt(uniqueName("raced"), "v1").text("id");
				this.api.patch("/prompts/" + id).raw("application/merge-patch+json", "{\"content\":\"v2\"}").send();
				String cr = createUser("editor").api()
					.post("/prompts/" + id + "/change-requests")
					.json(body("label", label, "version", 2))
					.send()
					.text("id");
				assertThat(first.api().post("/change-requests/" + cr + "/approve").send().status()).isEqualTo(200);
				CountDownLatch start = new CountDownLatch(1);
				Future<Api.Response> onA = pool.submit(() -> {
					start.await();
					return second.api().post("/change-requests/" + cr + "/approve").send();
				});
				Future<Api.Response> onB = pool.submit(() -> {
					start.await();
					return other(third.token()).post("/change-requests/" + cr + "/approve").send();
				});
				start.countDown();
				List<Integer> statuses = new ArrayList<>(List.of(onA.get().status(), onB.get().status()));
				statuses.sort(null);
				assertThat(statuses).as("one applies, the other finds it closed").containsExactly(200, 409);
				Api.Response loser = onA.get().status() == 409 ? onA.get() : onB.get();
				assertThat(loser.text("code")).isEqualTo("change_request_closed");
				assertThat(this.jdbc.sql("SELECT COUNT(*) FROM label_event WHERE change_request_id = :cr")
					.param("cr", UUID.fromString(cr))
					.query(Long.class)
					.single()).as("the label moved once").isEqualTo(1);
				assertThat(other().get("/prompts/" + id + "?label=" + label).send().json().get("version").asInt())
					.isEqualTo(2);
			}
		}
		finally {
			pool.shutdownNow();
			this.api.delete("/label-policies/" + label).send();
		}
	}

	@Test
	void aRequestGoesStaleWhenTheLabelMovesOnAnotherNode() {
		String label = uniqueName("moving");
		this.api.put("/label-policies/" + label).json(body("approvals", 0)).send();
		String id = createPrompt(uniqueName("stale"), "v1").text("id");
		this.api.patch("/prompts/" + id).raw("application/merge-patch+json", "{\"content\":\"v2\"}").send();
		this.api.patch("/prompts/" + id).raw("application/merge-patch+json", "{\"content\":\"v3\"}").send();
		this.api.put("/prompts/" + id + "/labels/" + label).json(body("version", 1)).send();
		String cr = createUser("editor").api()
			.post("/prompts/" + id + "/change-requests")
			.json(body("label", label, "version", 2))
			.send()
			.text("id");
		Api.Response moved = other(createUser("maintainer").token()).put("/prompts/" + id + "/labels/" + label)
			.json(body("version", 3))
			.send();
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertProblem(this.api.post("/change-requests/" + cr + "/approve").send(), 409, "change_request_stale");
		assertThat(other().get("/change-requests/" + cr).send().json().get("status").asString()).isEqualTo("stale");
		assertThat(this.api.get("/prompts/" + id + "?label=" + label).send().json().get("version").asInt())
			.isEqualTo(3);
		this.api.delete("/label-policies/" + label).send();
	}

}
