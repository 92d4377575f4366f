package dev.promptledger.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.promptledger.support.Api;
import dev.promptledger.support.JarNode;
import dev.promptledger.support.PostgresAvailableForIT;
import dev.promptledger.support.Receiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real server processes deliver one webhook's events from a shared outbox to a slow
 * receiver; one is killed with SIGKILL while deliveries are in flight. The other delivers
 * everything that was pending: every event arrives (duplicates allowed, and counted), in
 * order per prompt.
 */
@ExtendWith(PostgresAvailableForIT.class)
class WebhookCrashIT {

	private static final String TOKEN = JarNode.TOKEN;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aKilledNodeLeavesItsDeliveriesToTheOther() throws Exception {
		Map<String, String> environment = Map.of("PROMPTLEDGER_WEBHOOK_ALLOW_PRIVATE", "true",
				"PROMPTLEDGER_WEBHOOKS_RETRY_SCHEDULE", "200ms,200ms,500ms,1s,1s,1s");
		JarNode a = JarNode.start(TOKEN, environment, "webhook-node");
		JarNode b = JarNode.start(TOKEN, environment, "webhook-node");
		try (Receiver receiver = new Receiver(0, 400)) {
			Api.Response webhook = a.api()
				.post("/webhooks")
				.json(Map.of("url", receiver.url(), "events", List.of("version.created")))
				.send();
			assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
			String webhookId = webhook.text("id");
			List<String> prompts = new ArrayList<>();
			for (int p = 0; p < 6; p++) {
				Api.Response created = (p % 2 == 0 ? a : b).api()
					.post("/prompts")
					.json(Map.of("name", "hooked-" + UUID.randomUUID(), "content", "v1"))
					.send();
				prompts.add(created.text("id"));
			}
			for (int v = 2; v <= 8; v++) {
				for (int p = 0; p < prompts.size(); p++) {
					Api api = ((p + v) % 2 == 0 ? a : b).api();
					assertThat(api.patch("/prompts/" + prompts.get(p))
						.raw("application/merge-patch+json", "{\"content\":\"v" + v + "\"}")
						.send()
						.status()).isEqualTo(200);
				}
			}
			int events = prompts.size() * 8;
			Thread.sleep(300);
			int before = receiver.requests().size();
			b.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			assertThat(before).as("deliveries were under way when the node died").isBetween(1, events - 1);

			long deadline = System.currentTimeMillis() + 120_000;
			JsonNode deliveries;
			while (true) {
				deliveries = a.api().get("/webhooks/" + webhookId + "/deliveries?limit=200").send().json().get("items");
				long delivered = 0;
				for (JsonNode delivery : deliveries) {
					delivered += delivery.get("status").asString().equals("delivered") ? 1 : 0;
				}
				if (delivered == events) {
					break;
				}
				assertThat(System.currentTimeMillis()).as("the surviving node delivers everything: " + deliveries)
					.isLessThan(deadline);
				Thread.sleep(200);
			}
			List<Receiver.Request> requests = receiver.requests();
			Set<String> ids = new LinkedHashSet<>();
			Map<String, List<Integer>> numbers = new HashMap<>();
			for (Receiver.Request request : requests) {
				if (ids.add(request.id())) {
					JsonNode data = JSON.readTree(request.body()).get("data");
					numbers.computeIfAbsent(data.get("prompt_id").asString(), k -> new ArrayList<>())
						.add(data.get("version").get("number").asInt());
				}
			}
			assertThat(ids).as("every event arrived").hasSize(events);
			for (String prompt : prompts) {
				assertThat(numbers.get(prompt)).as("in order for prompt " + prompt)
					.containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
			}
			a.api().delete("/webhooks/" + webhookId).send();
			System.out.println("Webhook crash test: " + events + " events, " + requests.size() + " requests, "
					+ (requests.size() - events) + " duplicates, " + before + " received before the kill");
		}
		finally {
			a.process().destroy();
			b.process().destroyForcibly();
		}
	}

}
