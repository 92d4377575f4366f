package dev.promptledger.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;
import dev.promptledger.support.PublicPrompts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import} and {@code export}: the public collection (../shared/data/prompts.csv)
 * imports as the importing user and imports again without a single new version; a folder
 * of text and Markdown files imports with every bad file reported; an export is one
 * Markdown file per prompt that imports back into another database as the same prompts,
 * and exporting again follows changes and deletions.
 */
class ImportExportTest {

	private static final Path COLLECTION = PublicPrompts.CSV;

	@TempDir
	Path dir;

	@Test
	void theCollectionImportsOnceAsTheImportingUser() throws IOException {
		String url = Cli.h2("import-csv");
		List<CSVRecord> rows = PublicPrompts.rows();
		try (Node node = Node.start(url, "sa", "")) {
			user(node.api(), "importer", "editor");
			user(node.api(), "reader", "viewer");
		}
		Cli.Result first = Cli.run(url, "sa", "", "import", COLLECTION.toString(), "--as", "importer", "--prefix",
				"awesome");
		assertThat(first.exit()).as(first.err()).isZero();
		assertThat(first.out()).contains(rows.size() + " created, 0 updated, 0 unchanged, 0 failed");
		Cli.Result again = Cli.run(url, "sa", "", "import", COLLECTION.toString(), "--as", "importer", "--prefix",
				"awesome");
		assertThat(again.out()).contains("0 created, 0 updated, " + rows.size() + " unchanged, 0 failed");
		Cli.Result viewer = Cli.run(url, "sa", "", "import", COLLECTION.toString(), "--as", "reader");
		assertThat(viewer.exit()).isEqualTo(1);
		assertThat(viewer.err()).contains("no active user 'reader' who may create prompts");

		try (Node node = Node.start(url, "sa", "")) {
			assertThat(node.jdbc().sql("SELECT COUNT(*) FROM prompt_version").query(Long.class).single())
				.as("one version a row, the second import made none")
				.isEqualTo(rows.size());
			assertThat(node.jdbc()
				.sql("SELECT COUNT(*) FROM audit_entry WHERE actor = 'importer' AND action = 'prompt.create'")
				.query(Long.class)
				.single()).isEqualTo(rows.size());
			JsonNode terminal = node.api().get("/prompts/lookup?name=awesome/Linux-Terminal").send().json();
			CSVRecord row = rows.stream().filter(r -> r.get("act").equals("Linux Terminal")).findFirst().orElseThrow();
			assertThat(terminal.get("content").asString()).isEqualTo(row.get("prompt"));
			assertThat(terminal.get("description").asString()).isEqualTo("Linux Terminal");
			assertThat(terminal.get("latest_version").get("author").asString()).isEqualTo("importer");
			assertThat(terminal.get("latest_version").get("message").asString())
				.startsWith("Imported from prompts.csv line ");
		}
	}

	@Test
	void aFolderImportsAndReportsWhatItCannot() throws IOException {
		String url = Cli.h2("import-folder");
		Path folder = this.dir.resolve("prompts");
		Files.createDirectories(folder.resolve("support"));
		Files.writeString(folder.resolve("welcome.txt"), "Welcome, {{name}}!\n");
		Files.writeString(folder.resolve("support/Refund Policy.md"), "# Refunds\n\nWithin 30 days.");
		Files.writeString(folder.resolve("support/huge.txt"), "x".repeat(70_000));
		Files.write(folder.resolve("latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xE9 });
		Files.writeString(folder.resolve("empty.json"), "{}");
		Files.writeString(folder.resolve("typo.yaml"), "name: typo\ncontnet: Hello\n");
		Cli.Result result = Cli.run(url, "sa", "", "import", folder.toString(),
				"--promptledger.max-content-bytes=65536");
		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.out()).contains("2 created, 0 updated, 0 unchanged, 4 failed",
				"failed: latin1.txt: not UTF-8 text", "failed: empty.json: content: is required",
				"failed: typo.yaml: 'contnet' is not a field of a prompt",
				"failed: support/huge.txt: The content is larger than 65536 bytes");
		Cli.Result badPrefix = Cli.run(url, "sa", "", "import", folder.toString(), "--prefix", "bad prefix!");
		assertThat(badPrefix.exit()).isEqualTo(1);
		assertThat(badPrefix.err()).contains("the prefix 'bad prefix!' is not a valid start of a name");
		try (Node node = Node.start(url, "sa", "")) {
			assertThat(node.api().get("/prompts/lookup?name=welcome").send().json().get("content").asString())
				.isEqualTo("Welcome, {{name}}!\n");
			assertThat(node.api()
				.get("/prompts/lookup?name=support/Refund-Policy")
				.send()
				.json()
				.get("content")
				.asString()).isEqualTo("# Refunds\n\nWithin 30 days.");
		}
	}

	@Test
	void anExportImportsBackAndFollowsChanges() throws IOException {
		String source = Cli.h2("export-source");
		String gone;
		String changed;
		try (Node node = Node.start(source, "sa", "")) {
			Api api = node.api();
			changed = create(api, "team/support/greeting", "---\nnot front matter\n---\nHello 😀", "greets");
			create(api, "no-newline", "last line without newline", null);
			gone = create(api, "scratch", "to be deleted", null);
			assertThat(api.put("/prompts/" + changed + "/labels/production").json(Map.of("version", 1)).send().status())
				.isEqualTo(200);
		}
		Path out = this.dir.resolve("export");
		Cli.Result first = Cli.run(source, "sa", "", "export", "--to", out.toString());
		assertThat(first.out()).contains("3 written, 0 unchanged, 0 removed");
		String file = Files.readString(out.resolve("team/support/greeting.md"));
		assertThat(file)
			.startsWith("---\nname: \"team/support/greeting\"\ndescription: \"greets\"\nid: \"" + changed + "\"")
			.contains("version: 1\n", "labels: {\"production\":1}\n")
			.endsWith("---\n---\nnot front matter\n---\nHello 😀");

		String target = Cli.h2("export-target");
		Cli.Result imported = Cli.run(target, "sa", "", "import", out.toString());
		assertThat(imported.out()).contains("3 created");
		try (Node node = Node.start(target, "sa", "")) {
			JsonNode greeting = node.api().get("/prompts/lookup?name=team/support/greeting").send().json();
			assertThat(greeting.get("content").asString()).isEqualTo("---\nnot front matter\n---\nHello 😀");
			assertThat(greeting.get("description").asString()).isEqualTo("greets");
			assertThat(node.api().get("/prompts/lookup?name=no-newline").send().json().get("content").asString())
				.isEqualTo("last line without newline");
		}
		assertThat(Cli.run(source, "sa", "", "import", out.toString()).out())
			.contains("0 created, 0 updated, 3 unchanged");

		try (Node node = Node.start(source, "sa", "")) {
			assertThat(node.api().patch("/prompts/" + changed).json(Map.of("content", "Hello again")).send().status())
				.isEqualTo(200);
			assertThat(node.api().delete("/prompts/" + gone).send().status()).isEqualTo(204);
		}
		Cli.Result second = Cli.run(source, "sa", "", "export", "--to", out.toString());
		assertThat(second.out()).contains("1 written, 1 unchanged, 1 removed");
		assertThat(out.resolve("scratch.md")).doesNotExist();
		assertThat(Files.readString(out.resolve("team/support/greeting.md"))).contains("version: 2\n")
			.endsWith("---\nHello again");
	}

	/**
	 * Chat prompts export as JSON and text prompts keep their config and tags in front
	 * matter; both import back into another database as the same prompts, and again
	 * without a version. A folder of hand-written YAML and JSON chat prompts imports too.
	 */
	@Test
	void chatPromptsConfigAndTagsRoundTrip() throws IOException {
		String source = Cli.h2("export-chat");
		JsonNode chat;
		JsonNode text;
		try (Node node = Node.start(source, "sa", "")) {
			Api api = node.api();
			Api.Response created = api.post("/prompts")
				.json(Map.of("name", "bots/helper", "type", "chat", "description", "helps", "messages",
						List.of(Map.of("role", "system", "content", "Be kind.\nAlways."),
								Map.of("type", "placeholder", "name", "history"),
								Map.of("role", "user", "content", "{{q}} ✓")),
						"config", Map.of("model", "m", "temperature", 0.25, "stop", List.of("\n")), "tags",
						List.of("bots", "kind")))
				.send();
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			chat = created.json();
			Api.Response plain = api.post("/prompts")
				.json(Map.of("name", "plain/with-config", "content", "---\nSummarize:\n", "config",
						Map.of("max_tokens", 100), "tags", List.of("short")))
				.send();
			text = plain.json();
		}
		Path out = this.dir.resolve("chat-export");
		assertThat(Cli.run(source, "sa", "", "export", "--to", out.toString()).out()).contains("2 written");
		assertThat(out.resolve("bots/helper.json")).exists();
		assertThat(Files.readString(out.resolve("plain/with-config.md"))).contains("config: {\"max_tokens\":100}\n",
				"tags: [\"short\"]\n");

		String target = Cli.h2("import-chat");
		Cli.Result imported = Cli.run(target, "sa", "", "import", out.toString());
		assertThat(imported.out()).as(imported.err()).contains("2 created, 0 updated, 0 unchanged, 0 failed");
		try (Node node = Node.start(target, "sa", "")) {
			JsonNode back = node.api().get("/prompts/lookup?name=bots/helper").send().json();
			for (String field : List.of("type", "description", "messages", "config", "tags")) {
				assertThat(back.get(field)).as(field).isEqualTo(chat.get(field));
			}
			assertThat(back.get("latest_version").get("content_sha256"))
				.isEqualTo(chat.get("latest_version").get("content_sha256"));
			JsonNode plain = node.api().get("/prompts/lookup?name=plain/with-config").send().json();
			for (String field : List.of("content", "config", "tags")) {
				assertThat(plain.get(field)).as(field).isEqualTo(text.get(field));
			}
		}
		assertThat(Cli.run(target, "sa", "", "import", out.toString()).out())
			.contains("0 created, 0 updated, 2 unchanged, 0 failed");

		Path folder = Files.createDirectories(this.dir.resolve("hand-written"));
		Files.writeString(folder.resolve("triage.yaml"), """
				type: chat
				messages:
				  - role: system
				    content: |
				      Sort tickets by urgency.
				  - type: placeholder
				    name: history
				config:
				  model: small
				  temperature: 0.0
				tags: [support]
				""");
		Files.writeString(folder.resolve("summary.md"), """
				---
				description: Summaries
				config:
				  max_tokens: 50
				tags: [docs, short]
				---
				Summarize {{text}}.""");
		Cli.Result hand = Cli.run(target, "sa", "", "import", folder.toString());
		assertThat(hand.out()).as(hand.err()).contains("2 created, 0 updated, 0 unchanged, 0 failed");
		try (Node node = Node.start(target, "sa", "")) {
			JsonNode triage = node.api().get("/prompts/lookup?name=triage").send().json();
			assertThat(triage.get("messages").get(0).get("content").asString()).isEqualTo("Sort tickets by urgency.\n");
			assertThat(triage.get("config").toString()).isEqualTo("{\"model\":\"small\",\"temperature\":0}");
			JsonNode summary = node.api().get("/prompts/lookup?name=summary").send().json();
			assertThat(summary.get("content").asString()).isEqualTo("Summarize {{text}}.");
			assertThat(summary.get("config").toString()).isEqualTo("{\"max_tokens\":50}");
			assertThat(summary.get("tags").toString()).isEqualTo("[\"docs\",\"short\"]");
		}
	}

	/**
	 * export deletes only exported files inside its folder and never writes through a
	 * link; import never follows a link out of its folder. Before, an index line naming
	 * an absolute path or a path through a linked folder was deleted, and a link planted
	 * in the folder was written through or read.
	 */
	@Test
	void exportAndImportStayInTheirFolder() throws IOException {
		String source = Cli.h2("export-links");
		try (Node node = Node.start(source, "sa", "")) {
			create(node.api(), "team/greeting", "Hello", null);
		}
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		Path secret = Files.writeString(outside.resolve("secret.md"), "keep me");
		Path out = Files.createDirectories(this.dir.resolve("links-export"));
		Files.createSymbolicLink(out.resolve("linked"), outside);
		Files.writeString(out.resolve(Exporter.INDEX), String.join("\n", secret.toString(), "../outside/secret.md",
				"linked/secret.md", "team/../../outside/secret.md") + "\n");
		Cli.Result exported = Cli.run(source, "sa", "", "export", "--to", out.toString());
		assertThat(exported.exit()).as(exported.err()).isZero();
		assertThat(exported.out()).contains("1 written, 0 unchanged, 0 removed");
		assertThat(secret).hasContent("keep me");

		Files.delete(out.resolve("team/greeting.md"));
		Files.createSymbolicLink(out.resolve("team/greeting.md"), secret);
		Cli.Result throughLink = Cli.run(source, "sa", "", "export", "--to", out.toString());
		assertThat(throughLink.exit()).isEqualTo(1);
		assertThat(throughLink.err()).contains("is a symbolic link");
		assertThat(secret).hasContent("keep me");
		Files.delete(out.resolve("team/greeting.md"));
		Files.delete(out.resolve("team"));
		Files.createSymbolicLink(out.resolve("team"), outside);
		assertThat(Cli.run(source, "sa", "", "export", "--to", out.toString()).exit()).isEqualTo(1);
		assertThat(outside.resolve("greeting.md")).doesNotExist();

		Path folder = Files.createDirectories(this.dir.resolve("links-import"));
		Files.writeString(folder.resolve("real.txt"), "a real prompt");
		Files.createSymbolicLink(folder.resolve("passwd.txt"), secret);
		Files.createSymbolicLink(folder.resolve("elsewhere"), outside);
		String target = Cli.h2("import-links");
		Cli.Result imported = Cli.run(target, "sa", "", "import", folder.toString());
		assertThat(imported.out()).contains("1 created", "passwd.txt: a symbolic link, skipped",
				"elsewhere: a symbolic link, skipped");
		try (Node node = Node.start(target, "sa", "")) {
			assertProblem(node.api().get("/prompts/lookup?name=passwd").send(), 404);
			assertProblem(node.api().get("/prompts/lookup?name=elsewhere/secret").send(), 404);
		}
	}

	private static void assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
	}

	private static String create(Api api, String name, String content, String description) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", name, "content", content));
		if (description != null) {
			body.put("description", description);
		}
		Api.Response created = api.post("/prompts").json(body).send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("id");
	}

	private static void user(Api api, String username, String role) {
		assertThat(api.post("/users").json(Map.of("username", username, "role", role)).send().status()).isEqualTo(201);
	}

}
