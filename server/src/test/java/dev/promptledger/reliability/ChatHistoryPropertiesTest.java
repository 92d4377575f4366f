package dev.promptledger.reliability;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.promptledger.support.Api;
import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random chat histories (messages added, removed, moved, edited, given another role;
 * config keys set and removed, by PUT and by merge PATCH; reverts to earlier versions)
 * survive every way out and back in: each version reads back as written, each diff is
 * consistent with both sides (its message steps account for every message in order, its
 * JSON Patch turns the older config into the newer), and after all tries the database is
 * backed up, restored elsewhere, exported and imported, and says the same.
 */
class ChatHistoryPropertiesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool");

	private static final List<String> WORDS = List.of("alpha", "Beta", "γάμμα", "{{topic}}", "line\nbreak", "😀",
			"{{history}}", " ", "\\{{literal}}");

	/** An edit of a chat; indices are taken modulo the sizes they index. */
	record Edit(int kind, int at, int to, int word, int key, int value) {
	}

	/** A prompt written by a try, with what each of its versions must say. */
	record Written(String id, String name, List<Map<String, Object>> versions) {
	}

	private static String url;

	private static Node node;

	private static final List<Written> WRITTEN = new ArrayList<>();

	@BeforeContainer
	static void start() {
		url = Cli.h2("chat-histories");
		node = Node.start(url, "sa", "");
	}

	@Provide
	Arbitrary<List<Edit>> histories() {
		Arbitrary<Edit> edit = Combinators
			.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 50),
					Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, WORDS.size() - 1),
					Arbitraries.integers().between(0, 4), Arbitraries.integers().between(-3, 30))
			.as(Edit::new);
		return edit.list().ofMinSize(1).ofMaxSize(10);
	}

	@Property(tries = 12)
	void aChatHistoryReadsDiffsAndRevertsAsWritten(@ForAll("histories") List<Edit> edits) {
		Api api = node.api();
		List<Map<String, Object>> messages = new ArrayList<>(
				List.of(message("system", "You help with {{topic}}."), placeholder("history")));
		Map<String, Object> config = new LinkedHashMap<>(Map.of("model", "m", "temperature", 0.5));
		String name = "chat/" + java.util.UUID.randomUUID();
		Api.Response created = api.post("/prompts")
			.json(Map.of("name", name, "type", "chat", "messages", messages, "config", config))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.text("id");
		List<Map<String, Object>> versions = new ArrayList<>(List.of(state(messages, config)));
		for (Edit edit : edits) {
			if (edit.kind() == 8 && versions.size() > 1) {
				int target = 1 + edit.at() % versions.size();
				Api.Response reverted = api.post("/prompts/" + id + "/versions/" + target + "/revert")
					.json(Map.of("confirm", true))
					.send();
				assertThat(reverted.status()).as(reverted.body()).isIn(200, 201);
				Map<String, Object> back = versions.get(target - 1);
				messages = copy(back.get("messages"));
				config = new LinkedHashMap<>(castMap(back.get("config")));
				if (reverted.status() == 201) {
					versions.add(state(messages, config));
				}
				continue;
			}
			Map<String, Object> configPatch = apply(edit, messages, config);
			Api.Response written = configPatch != null
					? api.patch("/prompts/" + id).json(Map.of("messages", messages, "config", configPatch)).send()
					: api.put("/prompts/" + id)
						.json(Map.of("name", name, "messages", messages, "config", config))
						.send();
			assertThat(written.status()).as(written.body()).isEqualTo(200);
			if (written.json().get("version").asInt() > versions.size()) {
				versions.add(state(messages, config));
			}
		}
		for (int n = 1; n <= versions.size(); n++) {
			assertVersion(api, id, n, versions.get(n - 1));
			if (n > 1) {
				assertDiff(api.get("/prompts/" + id + "/versions/" + n + "/diff").send().json(), versions.get(n - 2),
						versions.get(n - 1));
			}
		}
		WRITTEN.add(new Written(id, name, versions));
	}

	@AfterContainer
	static void roundTrip() throws IOException {
		node.close();
		Path dir = Files.createTempDirectory("chat-histories");
		Path backup = dir.resolve("all.plbk");
		assertThat(Cli.run(url, "sa", "", "backup", "--to", backup.toString()).exit()).isZero();
		String restored = Cli.h2("chat-histories-restored");
		Cli.Result restore = Cli.run(restored, "sa", "", "restore", "--from", backup.toString());
		assertThat(restore.exit()).as(restore.err()).isZero();
		try (Node again = Node.start(restored, "sa", "")) {
			for (Written prompt : WRITTEN) {
				for (int n = 1; n <= prompt.versions().size(); n++) {
					assertVersion(again.api(), prompt.id(), n, prompt.versions().get(n - 1));
				}
			}
		}
		Path export = dir.resolve("export");
		assertThat(Cli.run(restored, "sa", "", "export", "--to", export.toString()).exit()).isZero();
		String imported = Cli.h2("chat-histories-imported");
		Cli.Result result = Cli.run(imported, "sa", "", "import", export.toString());
		assertThat(result.out()).as(result.err()).contains(WRITTEN.size() + " created", "0 failed");
		try (Node third = Node.start(imported, "sa", "")) {
			for (Written prompt : WRITTEN) {
				JsonNode latest = third.api().get("/prompts/lookup?name=" + prompt.name()).send().json();
				Map<String, Object> expected = prompt.versions().get(prompt.versions().size() - 1);
				assertThat(latest.get("messages")).isEqualTo(JSON.valueToTree(expected.get("messages")));
				assertThat(latest.get("config")).isEqualTo(JSON.valueToTree(expected.get("config")));
			}
		}
	}

	/**
	 * Applies one edit to the chat; a config merge patch to send when the edit changes
	 * the config that way, else null (the whole state goes by PUT).
	 */
	private static Map<String, Object> apply(Edit edit, List<Map<String, Object>> messages,
			Map<String, Object> config) {
		int at = edit.at() % messages.size();
		switch (edit.kind()) {
			case 0 ->
				messages.add(edit.to() % (messages.size() + 1), message(ROLES.get(edit.key()), WORDS.get(edit.word())));
			case 1 -> {
				if (messages.size() > 1) {
					messages.remove(at);
				}
			}
			case 2 -> messages.add(edit.to() % messages.size(), messages.remove(at));
			case 3 -> {
				if (messages.get(at).containsKey("role")) {
					messages.set(at, message((String) messages.get(at).get("role"),
							messages.get(at).get("content") + " " + WORDS.get(edit.word())));
				}
			}
			case 4 -> {
				if (messages.get(at).containsKey("role")) {
					messages.set(at, message(ROLES.get(edit.key()), (String) messages.get(at).get("content")));
				}
			}
			case 5 -> config.put("k" + edit.key(), edit.value());
			case 6 -> config.remove("k" + edit.key());
			case 7 -> {
				String key = "k" + edit.key();
				Map<String, Object> patch = new LinkedHashMap<>();
				if (edit.value() < 0) {
					config.remove(key);
					patch.put(key, null);
				}
				else {
					Object value = edit.value() % 2 == 0 ? List.of(edit.value(), "x") : Map.of("nested", edit.value());
					config.put(key, value);
					patch.put(key, value);
				}
				return patch;
			}
			default -> {
			}
		}
		return null;
	}

	private static void assertVersion(Api api, String id, int number, Map<String, Object> expected) {
		Api.Response version = api.get("/prompts/" + id + "/versions/" + number).send();
		assertThat(version.status()).as(version.body()).isEqualTo(200);
		assertThat(version.json().get("messages")).as("v" + number + " messages")
			.isEqualTo(JSON.valueToTree(expected.get("messages")));
		assertThat(version.json().get("config")).as("v" + number + " config")
			.isEqualTo(JSON.valueToTree(expected.get("config")));
	}

	/**
	 * The diff's steps account for every message of both sides in order, a {@code same}
	 * step joins equal messages, each step's role is its newer message's, and its JSON
	 * Patch, applied by an implementation of its own, makes the newer config.
	 */
	private static void assertDiff(JsonNode diff, Map<String, Object> before, Map<String, Object> after) {
		JsonNode older = JSON.valueToTree(before.get("messages"));
		JsonNode newer = JSON.valueToTree(after.get("messages"));
		int from = 0;
		int to = 0;
		for (JsonNode step : diff.get("messages")) {
			String op = step.get("op").asString();
			if (!op.equals("add")) {
				assertThat(step.get("from_index").asInt()).isEqualTo(from++);
			}
			if (!op.equals("remove")) {
				assertThat(step.get("to_index").asInt()).isEqualTo(to);
				JsonNode message = newer.get(to++);
				assertThat(step.get("role").isNull() ? null : step.get("role").asString())
					.isEqualTo(message.has("role") ? message.get("role").asString() : null);
			}
			if (op.equals("same")) {
				assertThat(older.get(from - 1)).isEqualTo(newer.get(to - 1));
			}
		}
		assertThat(from).isEqualTo(older.size());
		assertThat(to).isEqualTo(newer.size());
		try (JsonReader patch = Json.createReader(new StringReader(diff.get("config").toString()));
				JsonReader source = Json
					.createReader(new StringReader(JSON.writeValueAsString(before.get("config"))))) {
			String patched = Json.createPatch(patch.readArray()).apply(source.readObject()).toString();
			assertThat(JSON.readTree(patched)).isEqualTo(JSON.valueToTree(after.get("config")));
		}
	}

	private static Map<String, Object> state(List<Map<String, Object>> messages, Map<String, Object> config) {
		return Map.of("messages", copy(messages), "config", new LinkedHashMap<>(config));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> copy(Object messages) {
		List<Map<String, Object>> copy = new ArrayList<>();
		for (Object message : (List<Object>) messages) {
			copy.add(new LinkedHashMap<>((Map<String, Object>) message));
		}
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object value) {
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> message(String role, String content) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", role);
		message.put("content", content);
		return message;
	}

	private static Map<String, Object> placeholder(String name) {
		Map<String, Object> placeholder = new LinkedHashMap<>();
		placeholder.put("type", "placeholder");
		placeholder.put("name", name);
		return placeholder;
	}

}
