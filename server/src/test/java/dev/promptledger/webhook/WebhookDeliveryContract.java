package dev.promptledger.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Role;
import dev.promptledger.label.LabelService;
import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.Receiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries to a receiver inside the test, with a compressed retry schedule:
 * signatures checked here with plain HMAC (not the library the server signs with), every
 * event of a scripted sequence delivered in order per prompt (written through
 * {@link #other()} too, another node where there is one), a failing receiver that
 * recovers gets everything, one that never does is given up on, and no event for a
 * rolled-back change.
 */
@TestPropertySource(properties = { WebhookDeliveryContract.ALLOW_PRIVATE, WebhookDeliveryContract.SCHEDULE,
		WebhookDeliveryContract.POLL })
abstract class WebhookDeliveryContract extends ApiTestBase {

	static final String ALLOW_PRIVATE = "promptledger.webhooks.allow-private=true";

	static final String SCHEDULE = "promptledger.webhooks.retry-schedule=100ms,200ms,200ms,300ms";

	static final String POLL = "promptledger.webhooks.poll-interval=100ms";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	LabelService labels;

	/** The API of another node on the same database; this one where there is none. */
	protected Api other() {
		return this.api;
	}

	/** The same, as another user. */
	protected Api other(String token) {
		return this.api.as(token);
	}

	record Subscription(String id, String secret) {
	}

	private Subscription subscribe(Receiver receiver, String... events) {
		Api.Response created = this.api.post("/webhooks")
			.json(body("url", receiver.url(), "events", List.of(events)))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Subscription(created.text("id"), created.text("secret"));
	}

	/** Waits until the webhook has no pending delivery; its deliveries, newest first. */
	private JsonNode settled(Subscription webhook, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			JsonNode items = this.api.get("/webhooks/" + webhook.id() + "/deliveries?limit=200")
				.send()
				.json()
				.get("items");
			boolean done = items.size() >= expected;
			for (JsonNode item : items) {
				done &= !item.get("status").asString().equals("pending");
			}
			if (done) {
				return items;
			}
			assertThat(System.nanoTime()).as("deliveries settle within 30 s: " + items).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/**
	 * The signature as the specification defines it, computed here without its library.
	 */
	private static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return "v1," + Base64.getEncoder().encodeToString(digest);
	}

	/** The event types each prompt's deliveries carried, in order of first arrival. */
	private static Map<String, List<String>> typesByPrompt(List<Receiver.Request> requests) {
		Map<String, List<String>> byPrompt = new LinkedHashMap<>();
		Set<String> seen = new LinkedHashSet<>();
		for (Receiver.Request request : requests) {
			if (!seen.add(request.id())) {
				continue;
			}
			JsonNode body = JSON.readTree(request.body());
			byPrompt.computeIfAbsent(body.get("data").get("prompt_id").asString(), k -> new ArrayList<>())
				.add(body.get("type").asString());
		}
		return byPrompt;
	}

	@Test
	void everyEventOfAScriptArrivesSignedAndInOrderPerPrompt() throws Exception {
		try (Receiver receiver = new Receiver(0, 0)) {
			Subscription webhook = subscribe(receiver, "*");
			Api a = this.api;
			Api b = other();
			Api.Response first = a.post("/prompts").json(body("name", uniqueName("hooked"), "content", "one")).send();
			String p1 = first.text("id");
			Api.Response secondPrompt = b.post("/prompts")
				.json(body("name", uniqueName("hooked"), "content", "uno"))
				.send();
			String p2 = secondPrompt.text("id");
			b.patch("/prompts/" + p1).raw("application/merge-patch+json", "{\"content\":\"two\"}").send();
			a.put("/prompts/" + p1 + "/labels/staging").json(body("version", 2, "message", "try it")).send();
			a.patch("/prompts/" + p2).raw("application/merge-patch+json", "{\"content\":\"dos\"}").send();
			b.delete("/prompts/" + p1 + "/labels/staging").send();
			String cr = b.post("/prompts/" + p2 + "/change-requests")
				.json(body("label", uniqueName("prod"), "version", 1))
				.send()
				.text("id");
			TestUser approver = createUser("maintainer");
			assertThat(other(approver.token()).post("/change-requests/" + cr + "/approve").send().status())
				.isEqualTo(200);
			a.delete("/prompts/" + p1).send();
			assertThat(a.put("/prompts/" + p2 + "/labels/ghost").json(body("version", 9)).send().status())
				.as("a refused move sends nothing")
				.isEqualTo(404);

			JsonNode deliveries = settled(webhook, 10);
			assertThat(deliveries).hasSize(10);
			for (JsonNode delivery : deliveries) {
				assertThat(delivery.get("status").asString()).isEqualTo("delivered");
				assertThat(delivery.get("last_status_code").asInt()).isEqualTo(204);
			}
			List<Receiver.Request> requests = receiver.requests();
			for (Receiver.Request request : requests) {
				assertThat(request.signature())
					.isEqualTo(expectedSignature(webhook.secret(), request.id(), request.timestamp(), request.body()));
				JsonNode body = JSON.readTree(request.body());
				assertThat(body.get("id").asString()).isEqualTo(request.id());
				assertThat(Math.abs(Long.parseLong(request.timestamp()) - System.currentTimeMillis() / 1000))
					.isLessThan(60);
				assertThat(body.get("timestamp").asString()).endsWith("Z");
				assertThat(body.get("data").get("actor").asString()).isNotBlank();
				if (body.get("type").asString().equals("version.created")) {
					assertThat(body.get("data").get("version").has("content")).as("no content").isFalse();
					assertThat(body.get("data").get("version").get("number").asInt()).isPositive();
				}
			}
			Map<String, List<String>> byPrompt = typesByPrompt(requests);
			assertThat(byPrompt.get(p1)).containsExactly("version.created", "version.created", "label.moved",
					"label.deleted", "prompt.deleted");
			assertThat(byPrompt.get(p2)).containsExactly("version.created", "version.created", "change_request.opened",
					"label.moved", "change_request.applied");
			this.api.delete("/webhooks/" + webhook.id()).send();
		}
	}

	@Test
	void aChangeThatRollsBackSendsNothing() throws Exception {
		try (Receiver receiver = new Receiver(0, 0)) {
			Subscription webhook = subscribe(receiver, "label.moved");
			String id = createPrompt(uniqueName("rolled"), "x").text("id");
			String label = uniqueName("never");
			new TransactionTemplate(this.transactions).executeWithoutResult(status -> {
				this.labels.move(new Actor("admin", Role.ADMIN), UUID.fromString(id), label,
						this.labels.check(label, "1"));
				status.setRollbackOnly();
			});
			assertThat(this.jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE payload LIKE :label")
				.param("label", "%" + label + "%")
				.query(Long.class)
				.single()).as("the event rolled back with its change").isZero();
			this.api.put("/prompts/" + id + "/labels/" + label).json(body("version", 1)).send();
			settled(webhook, 1);
			assertThat(receiver.requests()).hasSize(1);
			this.api.delete("/webhooks/" + webhook.id()).send();
		}
	}

	@Test
	void aReceiverThatFailsThenRecoversGetsEveryEventInOrder() throws Exception {
		try (Receiver flaky = new Receiver(3, 0); Receiver broken = new Receiver(Integer.MAX_VALUE, 0)) {
			Subscription recovering = subscribe(flaky, "version.created");
			Subscription failing = subscribe(broken, "version.created");
			String id = createPrompt(uniqueName("retried"), "v1").text("id");
			for (int v = 2; v <= 5; v++) {
				(v % 2 == 0 ? other() : this.api).patch("/prompts/" + id)
					.raw("application/merge-patch+json", "{\"content\":\"v" + v + "\"}")
					.send();
			}
			JsonNode delivered = settled(recovering, 5);
			for (JsonNode delivery : delivered) {
				assertThat(delivery.get("status").asString()).isEqualTo("delivered");
			}
			assertThat(delivered.get(delivered.size() - 1).get("attempts").asInt()).as("the first event, retried")
				.isEqualTo(4);
			List<Integer> numbers = new ArrayList<>();
			Set<String> seen = new LinkedHashSet<>();
			for (Receiver.Request request : flaky.requests()) {
				if (seen.add(request.id())) {
					numbers.add(JSON.readTree(request.body()).get("data").get("version").get("number").asInt());
				}
			}
			assertThat(numbers).containsExactly(1, 2, 3, 4, 5);

			JsonNode failed = settled(failing, 5);
			for (JsonNode delivery : failed) {
				assertThat(delivery.get("status").asString()).as("after the schedule's last wait").isEqualTo("failed");
				assertThat(delivery.get("attempts").asInt()).isEqualTo(5);
				assertThat(delivery.get("last_status_code").asInt()).isEqualTo(500);
				assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
			}
			this.api.delete("/webhooks/" + recovering.id()).send();
			this.api.delete("/webhooks/" + failing.id()).send();
		}
	}

}
