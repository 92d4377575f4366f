package dev.promptledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.EventStream;

/**
 * {@code GET /prompts/watch}: the first event per name as it resolves now, then one each
 * time that changes (a label move, a new version, a revert, a delete, a name that comes
 * to exist), nothing when it does not; the parameters' rules; a revoked token ends its
 * stream.
 */
abstract class WatchContract extends ApiTestBase {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration QUIET = Duration.ofMillis(300);

	private EventStream watch(String query, String token) {
		EventStream stream = EventStream.open(this.api.base(), "/prompts/watch?" + query, token);
		assertThat(stream.status()).isEqualTo(200);
		return stream;
	}

	private static EventStream.Event next(EventStream stream) throws InterruptedException {
		EventStream.Event event = stream.next(WAIT);
		assertThat(event).as("an event within " + WAIT).isNotNull();
		return event;
	}

	private static void assertPrompt(EventStream.Event event, String name, String label, Integer number) {
		assertThat(event.name()).isEqualTo("prompt");
		assertThat(event.data().get("name").asString()).isEqualTo(name);
		assertThat(event.data().get("label").asString()).isEqualTo(label);
		if (number == null) {
			assertThat(event.data().get("version_id").isNull()).as(event.data().toString()).isTrue();
			assertThat(event.data().get("number").isNull()).isTrue();
		}
		else {
			assertThat(event.data().get("number").asInt()).as(event.data().toString()).isEqualTo(number);
			assertThat(event.data().get("version_id").asString()).hasSize(36);
		}
	}

	@Test
	void aLabelIsFollowedThroughMovesRevertsAndDeletion() throws Exception {
		TestUser viewer = createUser("viewer");
		String name = uniqueName("watched/greeting");
		String id = createPrompt(name, "one").text("id");
		this.api.put("/prompts/" + id).json(body("name", name, "content", "two")).send();
		this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send();
		String missing = uniqueName("watched/later");
		try (EventStream stream = watch("name=" + name + "&name=" + missing + "&label=production", viewer.token())) {
			List<EventStream.Event> first = List.of(next(stream), next(stream));
			assertPrompt(first.get(0), name, "production", 1);
			assertPrompt(first.get(1), missing, "production", null);

			this.api.put("/prompts/" + id + "/labels/production").json(body("version", 2)).send();
			assertPrompt(next(stream), name, "production", 2);
			this.api.put("/prompts/" + id).json(body("name", name, "content", "three")).send();
			assertThat(stream.next(QUIET)).as("a new version does not move production").isNull();
			this.api.put("/prompts/" + id + "/labels/production").json(body("version", 2)).send();
			assertThat(stream.next(QUIET)).as("a move to where it is changes nothing").isNull();

			String later = this.api.post("/prompts")
				.json(body("name", missing, "content", "now", "labels", List.of("production")))
				.send()
				.text("id");
			assertPrompt(next(stream), missing, "production", 1);

			this.api.delete("/prompts/" + id + "/labels/production").send();
			assertPrompt(next(stream), name, "production", null);
			this.api.delete("/prompts/" + later).send();
			assertPrompt(next(stream), missing, "production", null);
		}
	}

	@Test
	void theLatestVersionIsFollowedThroughWritesRevertsRenamesAndDeletes() throws Exception {
		String name = uniqueName("watched/latest");
		String renamed = uniqueName("watched/renamed");
		String id = createPrompt(name, "one").text("id");
		try (EventStream stream = watch("name=" + name + "&name=" + renamed, this.adminToken)) {
			assertPrompt(next(stream), name, "latest", 1);
			assertPrompt(next(stream), renamed, "latest", null);
			this.api.put("/prompts/" + id).json(body("name", name, "content", "two")).send();
			assertPrompt(next(stream), name, "latest", 2);
			this.api.post("/prompts/" + id + "/versions/1/revert").json(body("confirm", true)).send();
			assertPrompt(next(stream), name, "latest", 3);
			this.api.put("/prompts/" + id).json(body("name", renamed, "content", "one")).send();
			List<EventStream.Event> both = new ArrayList<>(List.of(next(stream), next(stream)));
			both.sort((a, b) -> a.data().get("name").asString().compareTo(b.data().get("name").asString()));
			assertThat(both).extracting(event -> event.data().get("name").asString())
				.containsExactlyInAnyOrder(name, renamed);
			for (EventStream.Event event : both) {
				if (event.data().get("name").asString().equals(name)) {
					assertPrompt(event, name, "latest", null);
				}
				else {
					assertPrompt(event, renamed, "latest", 4);
				}
			}
			this.api.delete("/prompts/" + id).send();
			assertPrompt(next(stream), renamed, "latest", null);
		}
	}

	@Test
	void aRevokedTokenEndsItsStream() throws Exception {
		TestUser viewer = createUser("viewer");
		String name = uniqueName("watched/revoked");
		createPrompt(name, "one");
		try (EventStream stream = watch("name=" + name, viewer.token());
				EventStream admins = watch("name=" + name, this.adminToken)) {
			assertPrompt(next(stream), name, "latest", 1);
			assertPrompt(next(admins), name, "latest", 1);
			assertThat(this.api.delete("/tokens/" + viewer.tokenId()).send().status()).isEqualTo(204);
			EventStream.Event end = next(stream);
			assertThat(end.name()).isEqualTo("end");
			assertThat(end.data().get("reason").asString()).isEqualTo("revoked");
			long deadline = System.currentTimeMillis() + WAIT.toMillis();
			while (!stream.ended() && System.currentTimeMillis() < deadline) {
				Thread.sleep(20);
			}
			assertThat(stream.ended()).as("the server closed the stream").isTrue();
			assertThat(admins.next(QUIET)).as("other tokens' streams go on").isNull();
			assertThat(admins.ended()).isFalse();
		}
	}

	@Test
	void parametersAreChecked() {
		TestUser viewer = createUser("viewer");
		assertProblem(this.api.get("/prompts/watch").header("Accept", "text/event-stream").send(), 400,
				"invalid_parameter");
		StringBuilder many = new StringBuilder("name=a0");
		for (int i = 1; i <= 100; i++) {
			many.append("&name=a").append(i);
		}
		assertProblem(this.api.get("/prompts/watch?" + many).send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/watch?name=a&label=bad%20label").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/watch?name=a&lable=production").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/watch?name=a&label=a&label=b").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/watch?name=a").anonymous().send(), 401, "unauthorized");
		EventStream viewers = EventStream.open(this.api.base(), "/prompts/watch?name=a", viewer.token());
		assertThat(viewers.status()).isEqualTo(200);
		viewers.close();
	}

}
