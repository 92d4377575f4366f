package dev.promptledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client against the real server (its packaged jar): reads by label, latest and
 * version; local render held to the server's own answers case by case; revalidation with
 * If-None-Match; the watch stream bringing a label move within a second where a TTL would
 * not; the last good value when the server is away, and a fallback for a first fetch that
 * cannot be made.
 */
class ClientIT {

	private static Server server;

	@BeforeAll
	static void start() throws Exception {
		server = Server.shared();
	}

	private static String create(Map<String, Object> prompt) throws Exception {
		Server.Reply created = server.call("POST", "/prompts", prompt);
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
		return created.body().get("id").asText();
	}

	private static void move(String id, String label, int version) throws Exception {
		assertThat(server.call("PUT", "/prompts/" + id + "/labels/" + label, Map.of("version", version)).status())
			.isEqualTo(200);
	}

	private static PromptLedger client(Duration ttl, boolean watch) {
		return PromptLedger.builder(server.url(), Server.TOKEN).cacheTtl(ttl).watch(watch).build();
	}

	private static String unique(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void readsByLabelLatestAndVersion() throws Exception {
		String name = unique("team/support") + "/greeting";
		String id = create(Map.of("name", name, "content", "Hello {{name}}", "config", Map.of("temperature", 0.2),
				"tags", List.of("support")));
		server.call("PUT", "/prompts/" + id, Map.of("name", name, "content", "Hi {{name}}!"));
		move(id, "production", 1);
		try (PromptLedger client = client(Duration.ofSeconds(60), false)) {
			Prompt production = client.get(name, "production");
			assertThat(production.number()).isEqualTo(1);
			assertThat(production.content()).isEqualTo("Hello {{name}}");
			assertThat(production.config()).containsEntry("temperature", 0.2);
			assertThat(production.tags()).containsExactly("support");
			assertThat(production.labels()).containsExactly("production");
			assertThat(production.versionId()).isNotNull();
			assertThat(production.variables()).containsExactly("name");
			assertThat(client.get(name).number()).isEqualTo(2);
			assertThat(client.get(name, "latest").content()).isEqualTo("Hi {{name}}!");
			assertThat(client.getVersion(name, 1).versionId()).isEqualTo(production.versionId());
			assertThatThrownBy(() -> client.get(name, "staging")).isInstanceOfSatisfying(PromptLedgerException.class,
					ex -> assertThat(ex.code()).isEqualTo("label_not_found"));
			assertThatThrownBy(() -> client.get(unique("nothing"))).isInstanceOfSatisfying(PromptLedgerException.class,
					ex -> assertThat(ex.isNotFound()).isTrue());
		}
	}

	/** Every case rendered both ways must give the same answer. */
	@Test
	void localRenderFollowsTheServersRules() throws Exception {
		List<Map<String, Object>> cases = new ArrayList<>();
		cases.add(text("Hello {{name}}, {{ name }} and {{  place\t}}.", Map.of("name", "Ada", "place", "Z")));
		cases.add(text("Literal \\{{name}} and {{name}}", Map.of("name", "x")));
		cases.add(text("{{}} {{ 1 + 1 }} {{9lives}} {{a-b}} {name} {{{name}}}", Map.of("name", "y")));
		cases.add(text("unused given: {{a}}", Map.of("a", "1", "b", "2")));
		cases.add(text("$1 and \\ and {{v}}", Map.of("v", "$2 \\ {{v}}")));
		cases.add(text("no variables at all", Map.of()));
		cases.add(text("ünïcödé {{wörd}} {{word}} ✓", Map.of("word", "✓✓")));
		cases.add(text("missing {{a}} and {{b}} and {{a}}", Map.of("c", "1")));
		for (Map<String, Object> example : cases) {
			String name = unique("render/text");
			create(Map.of("name", name, "content", example.get("content")));
			compare(name, castVariables(example.get("variables")), Map.of());
		}
		String chat = unique("render/chat");
		create(Map.of("name", chat, "type", "chat", "messages",
				List.of(Map.of("role", "system", "content", "You help {{company}} customers."),
						Map.of("type", "placeholder", "name", "history"),
						Map.of("role", "user", "content", "{{question}} \\{{literal}}"))));
		compare(chat, Map.of("company", "Acme", "question", "Where?"),
				Map.of("history", List.of(Message.of("user", "hi {{company}}"), Message.of("assistant", "hello"))));
		compare(chat, Map.of("company", "Acme"), Map.of());
		compare(chat, Map.of("company", "Acme", "question", "Q", "extra", "e"),
				Map.of("history", List.of(), "other", List.of()));
	}

	private static Map<String, Object> text(String content, Map<String, String> variables) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("content", content);
		example.put("variables", variables);
		return example;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> castVariables(Object variables) {
		return (Map<String, String>) variables;
	}

	private static void compare(String name, Map<String, String> variables, Map<String, List<Message>> placeholders) {
		try (PromptLedger client = client(Duration.ofSeconds(60), false)) {
			Prompt prompt = client.get(name);
			Rendered local = null;
			PromptLedgerException localError = null;
			try {
				local = prompt.render(variables, placeholders);
			}
			catch (PromptLedgerException ex) {
				localError = ex;
			}
			Rendered remote = null;
			PromptLedgerException remoteError = null;
			try {
				remote = client.render(name, null, variables, placeholders);
			}
			catch (PromptLedgerException ex) {
				remoteError = ex;
			}
			if (remoteError != null) {
				assertThat(localError).as("the server refused " + name + ": " + remoteError.getMessage()).isNotNull();
				assertThat(localError.code()).isEqualTo(remoteError.code());
				assertThat(localError.missing()).isEqualTo(remoteError.missing());
				return;
			}
			assertThat(localError).as("the server rendered " + name).isNull();
			assertThat(local).as(name).isEqualTo(remote);
		}
	}

	@Test
	void revalidationAsksWithTheETagAndKeepsWhatItHasOn304() throws Exception {
		String name = unique("revalidated");
		String id = create(Map.of("name", name, "content", "one"));
		try (PromptLedger client = client(Duration.ZERO, false)) {
			Prompt first = client.get(name);
			assertThat(client.get(name)).as("a 304 keeps the same object").isSameAs(first);
			server.call("PUT", "/prompts/" + id, Map.of("name", name, "content", "two"));
			assertThat(client.get(name).content()).isEqualTo("two");
		}
	}

	@Test
	void theWatchStreamBringsALabelMoveWhereATtlWouldNot() throws Exception {
		String name = unique("watched");
		String id = create(Map.of("name", name, "content", "one"));
		server.call("PUT", "/prompts/" + id, Map.of("name", name, "content", "two"));
		move(id, "production", 1);
		try (PromptLedger watched = client(Duration.ofSeconds(60), true);
				PromptLedger ttl = client(Duration.ofSeconds(60), false)) {
			assertThat(watched.get(name, "production").number()).isEqualTo(1);
			assertThat(ttl.get(name, "production").number()).isEqualTo(1);
			long deadline = System.currentTimeMillis() + 10_000;
			while (!watched.watching() && System.currentTimeMillis() < deadline) {
				Thread.sleep(10);
			}
			assertThat(watched.watching()).isTrue();
			Thread.sleep(200);
			long moved = System.nanoTime();
			move(id, "production", 2);
			long lagMillis = -1;
			while (System.nanoTime() - moved < 5_000_000_000L) {
				if (watched.get(name, "production").number() == 2) {
					lagMillis = (System.nanoTime() - moved) / 1_000_000;
					break;
				}
				Thread.sleep(1);
			}
			System.out.println("Watched client served the moved label after " + lagMillis + " ms");
			assertThat(lagMillis).as("served the move within a second").isBetween(0L, 1000L);
			assertThat(ttl.get(name, "production").number()).as("a 60 s TTL still serves the old version").isEqualTo(1);
			server.call("DELETE", "/prompts/" + id + "/labels/production", null);
			deadline = System.currentTimeMillis() + 5_000;
			PromptLedgerException gone = null;
			while (gone == null && System.currentTimeMillis() < deadline) {
				try {
					watched.get(name, "production");
					Thread.sleep(5);
				}
				catch (PromptLedgerException ex) {
					gone = ex;
				}
			}
			assertThat(gone).as("a deleted label is not served from memory").isNotNull();
			assertThat(gone.code()).isEqualTo("label_not_found");
		}
	}

	@Test
	void theLastGoodValueIsServedWhileTheServerIsAwayAndAFallbackBeforeAnything() throws Exception {
		try (Server own = Server.start()) {
			assertThat(own.call("POST", "/prompts", Map.of("name", "kept", "content", "kept content")).status())
				.as("the bootstrap token works as soon as the server is healthy")
				.isEqualTo(201);
			try (PromptLedger client = PromptLedger.builder(own.url(), Server.TOKEN)
				.cacheTtl(Duration.ZERO)
				.timeout(Duration.ofSeconds(2))
				.build()) {
				assertThat(client.get("kept").stale()).isFalse();
				own.stop();
				Prompt away = client.get("kept");
				assertThat(away.stale()).as("served from memory").isTrue();
				assertThat(away.content()).isEqualTo("kept content");
				Prompt fallback = client.get("never-read", null, Prompt.fallbackText("never-read", "Hi {{name}}"));
				assertThat(fallback.fallback()).isTrue();
				assertThat(fallback.render(Map.of("name", "Ada")).content()).isEqualTo("Hi Ada");
				assertThatThrownBy(() -> client.get("never-read")).isInstanceOfSatisfying(PromptLedgerException.class,
						ex -> assertThat(ex.code()).isEqualTo("unreachable"));
				own.restart();
				assertThat(client.get("kept").stale()).as("fresh again once the server is back").isFalse();
			}
		}
	}

	@Test
	void aServerThatNeverAnsweredGivesTheFallback() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (PromptLedger client = PromptLedger.builder("http://127.0.0.1:" + port, "plg_x").build()) {
			Prompt chat = client.get("agent", "production",
					Prompt.fallbackChat("agent", List.of(Message.of("system", "Be brief."))));
			assertThat(chat.fallback()).isTrue();
			assertThat(chat.render(Map.of()).messages()).containsExactly(Message.of("system", "Be brief."));
		}
	}

}
