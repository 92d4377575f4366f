package dev.promptledger.langfuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;

/**
 * {@code import-langfuse}: a Langfuse export moves over with its history (every version
 * in order with its commit message, a gap in Langfuse's numbers closed), its labels where
 * they pointed, its tags and config, chat prompts with placeholders; what cannot be
 * imported is reported and leaves nothing behind.
 */
class LangfuseImportTest {

	/**
	 * As Langfuse's API answers each version, fields promptledger does not keep included.
	 */
	private static final String EXPORT = """
			[
			  {"id": "a1", "projectId": "p", "createdAt": "2025-01-02T03:04:05.000Z", "createdBy": "u1",
			   "name": "support/greeting", "version": 1, "type": "text", "prompt": "Hello {{name}}",
			   "config": {}, "labels": [], "tags": ["support"], "commitMessage": null},
			  {"name": "support/greeting", "version": 4, "type": "text", "prompt": "Hi {{name}}, welcome!",
			   "config": {"temperature": 0.3}, "labels": ["production", "latest"], "tags": ["support"],
			   "commitMessage": "warmer"},
			  {"name": "support/greeting", "version": 2, "type": "text", "prompt": "Hello {{name}}!",
			   "config": {}, "labels": ["staging"], "tags": ["support"], "commitMessage": "exclaim"},
			  {"name": "agents/triage", "version": 1, "type": "chat",
			   "prompt": [{"type": "chatmessage", "role": "system", "content": "Sort {{product}} tickets."},
			              {"type": "placeholder", "name": "history"},
			              {"role": "user", "content": "{{ticket}}"}],
			   "config": {"model": "small"}, "labels": ["production", "latest"], "tags": []},
			  {"name": "broken", "version": 1, "type": "chat", "prompt": "not a list", "labels": ["production"]},
			  {"version": 3}
			]
			""";

	@TempDir
	Path dir;

	@Test
	void anExportMovesOverWithItsHistoryAndLabels() throws IOException {
		Path export = Files.writeString(this.dir.resolve("langfuse.json"), EXPORT);
		String url = Cli.h2("langfuse-import");
		Cli.Result result = Cli.run(url, "sa", "", "import-langfuse", export.toString(), "--prefix", "lf");
		assertThat(result.out()).as(result.err())
			.contains("2 prompts with 4 versions and 3 labels, 2 failed")
			.contains("failed: item 6: not a Langfuse prompt version")
			.contains("failed: lf/broken: ")
			.contains("prompt");
		assertThat(result.exit()).isEqualTo(1);
		try (Node node = Node.start(url, "sa", "")) {
			Api api = node.api();
			JsonNode greeting = api.get("/prompts/lookup?name=lf/support/greeting").send().json();
			String id = greeting.get("id").asString();
			assertThat(greeting.get("version").asInt()).as("Langfuse's 1, 2, 4 are 1, 2, 3 here").isEqualTo(3);
			assertThat(greeting.get("tags").toString()).isEqualTo("[\"support\"]");
			JsonNode versions = api.get("/prompts/" + id + "/versions").send().json().get("items");
			assertThat(versions.size()).isEqualTo(3);
			assertThat(versions.get(0).get("message").asString()).isEqualTo("warmer");
			assertThat(versions.get(1).get("message").asString()).isEqualTo("exclaim");
			assertThat(versions.get(2).get("message").asString()).isEqualTo("Imported from Langfuse (version 1)");
			assertThat(versions.get(0).get("author").asString()).isEqualTo("admin");
			JsonNode production = api.get("/prompts/" + id + "?label=production").send().json();
			assertThat(production.get("content").asString()).isEqualTo("Hi {{name}}, welcome!");
			assertThat(production.get("config").get("temperature").asDouble()).isEqualTo(0.3);
			assertThat(api.get("/prompts/" + id + "?label=staging").send().json().get("version").asInt()).isEqualTo(2);
			JsonNode triage = api.get("/prompts/lookup?name=lf/agents/triage&label=production").send().json();
			assertThat(triage.get("type").asString()).isEqualTo("chat");
			assertThat(triage.get("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":"
					+ "\"Sort {{product}} tickets.\"},{\"type\":\"placeholder\",\"name\":\"history\"},"
					+ "{\"role\":\"user\",\"content\":\"{{ticket}}\"}]");
			assertThat(api.get("/prompts/lookup?name=lf/broken").send().status()).as("nothing of it written")
				.isEqualTo(404);
		}
		Cli.Result again = Cli.run(url, "sa", "", "import-langfuse", export.toString(), "--prefix", "lf");
		assertThat(again.out()).contains("0 prompts with 0 versions and 0 labels, 4 failed")
			.contains("lf/support/greeting: a live prompt has this name already");
	}

	@Test
	void oneVersionPerLineAndLangfusesListShapeReadToo() throws IOException {
		Path lines = Files.writeString(this.dir.resolve("lines.jsonl"), """
				{"name": "a", "version": 1, "type": "text", "prompt": "one", "labels": ["latest"]}
				{"name": "a", "version": 2, "type": "text", "prompt": "two", "labels": ["production", "latest"]}
				""");
		Path data = Files.writeString(this.dir.resolve("data.json"), """
				{"data": [{"name": "b", "version": 1, "type": "text", "prompt": "bee", "labels": []}]}
				""");
		String url = Cli.h2("langfuse-lines");
		assertThat(Cli.run(url, "sa", "", "import-langfuse", lines.toString()).out())
			.contains("1 prompts with 2 versions and 1 labels, 0 failed");
		assertThat(Cli.run(url, "sa", "", "import-langfuse", data.toString()).out())
			.contains("1 prompts with 1 versions and 0 labels, 0 failed");
		Path notJson = Files.writeString(this.dir.resolve("not.json"), "\"just a string\"");
		Cli.Result refused = Cli.run(url, "sa", "", "import-langfuse", notJson.toString());
		assertThat(refused.exit()).isNotZero();
		assertThat(refused.err()).contains("is not a Langfuse export");
	}

}
