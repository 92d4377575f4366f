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
		Files.writeString(folder.resolve("ignored.json"), "{}");
		Cli.Result result = Cli.run(url, "sa", "", "import", folder.toString(),
				"--promptledger.max-content-bytes=65536");
		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.out()).contains("2 created, 0 updated, 0 unchanged, 2 failed",
				"failed: latin1.txt: not UTF-8 text",
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
