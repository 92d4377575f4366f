package dev.promptledger.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.BackupFiles;
import dev.promptledger.support.Cli;
import dev.promptledger.support.History;
import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresDatabase;
import dev.promptledger.support.PublicPrompts;
import dev.promptledger.support.Walk;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} and {@code restore} keep everything, across databases: a history written
 * on H2 is backed up, restored into an empty PostgreSQL database, backed up again and
 * restored into an empty H2 database; every table's rows (count and checksum) are the
 * same at each step, and PostgreSQL answers every read of the API exactly as the original
 * did. A damaged or truncated backup restores nothing.
 */
class BackupRestoreTest {

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	@TempDir
	Path dir;

	@Test
	void everyRowAndEveryAnswerSurviveH2ToPostgresAndBack() throws IOException {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		String source = Cli.h2("backup-source");
		List<Walk.Answer> before;
		try (Node node = Node.start(source, "sa", "")) {
			History.write(node.api());
			// enough contents for a dictionary, which the backup carries with the blobs
			// compressed with it
			List<CSVRecord> rows = PublicPrompts.rows();
			for (int i = 0; i < 150; i++) {
				assertThat(node.api()
					.post("/prompts")
					.json(Map.of("name", "public/" + i, "content", rows.get(i).get("prompt")))
					.send()
					.status()).isEqualTo(201);
			}
		}
		Cli.Result compact = Cli.run(source, "sa", "", "compact");
		assertThat(compact.exit()).as(compact.err()).isZero();
		assertThat(compact.out()).contains("with dictionary 1");
		try (Node node = Node.start(source, "sa", "")) {
			before = Walk.of(node.api());
		}
		Path first = this.dir.resolve("first.plbk");
		Cli.Result backup = Cli.run(source, "sa", "", "backup", "--to", first.toString());
		assertThat(backup.exit()).as(backup.err()).isZero();
		assertThat(backup.out()).contains("prompt_version: 178", "prompt_tag: 2", "audit_entry: ",
				"content_dictionary: 1");

		String postgres = PostgresDatabase.scratch("restore");
		Cli.Result restore = Cli.run(postgres, PostgresDatabase.user(), PostgresDatabase.password(), "restore",
				"--from", first.toString());
		assertThat(restore.exit()).as(restore.err()).isZero();
		Path second = this.dir.resolve("second.plbk");
		assertThat(Cli
			.run(postgres, PostgresDatabase.user(), PostgresDatabase.password(), "backup", "--to", second.toString())
			.exit()).isZero();
		assertThat(tables(second)).as("every row, restored into PostgreSQL").isEqualTo(tables(first));

		String h2 = Cli.h2("backup-target");
		assertThat(Cli.run(h2, "sa", "", "restore", "--from", second.toString()).exit()).isZero();
		Path third = this.dir.resolve("third.plbk");
		assertThat(Cli.run(h2, "sa", "", "backup", "--to", third.toString()).exit()).isZero();
		assertThat(tables(third)).as("every row, back into H2").isEqualTo(tables(first));

		try (Node node = Node.start(postgres, PostgresDatabase.user(), PostgresDatabase.password())) {
			List<Walk.Answer> after = Walk.of(node.api());
			assertThat(after).hasSize(before.size());
			for (int i = 0; i < before.size(); i++) {
				assertThat(after.get(i)).as("answer to " + before.get(i).path()).isEqualTo(before.get(i));
			}
			assertThat(
					node.api().post("/prompts").json(Map.of("name", "after/restore", "content", "new")).send().status())
				.as("writing goes on after a restore")
				.isEqualTo(201);
			JsonNode audit = node.api().get("/audit?limit=2").send().json().get("items");
			assertThat(audit.get(0).get("action").asString()).isEqualTo("prompt.create");
			assertThat(audit.get(0).get("id").asString()).isNotEqualTo(audit.get(1).get("id").asString());
		}
		// the restore built the secondary indexes after the rows: the same ones the
		// migrations make
		String migrated = PostgresDatabase.scratch("migrated");
		assertThat(Cli.run(migrated, PostgresDatabase.user(), PostgresDatabase.password(), "migrate").exit()).isZero();
		assertThat(indexes(postgres)).as("the restored database's indexes").isEqualTo(indexes(migrated));
	}

	private static List<String> indexes(String url) {
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, PostgresDatabase.user(),
				PostgresDatabase.password());
				java.sql.ResultSet rows = connection.createStatement()
					.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")) {
			List<String> definitions = new ArrayList<>();
			while (rows.next()) {
				definitions.add(rows.getString(1));
			}
			return definitions;
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aDamagedOrTruncatedBackupRestoresNothing() throws IOException {
		Source backedUp = backedUp("backup-damaged");
		String source = backedUp.url();
		Path good = backedUp.file();
		List<String> lines = backedUp.lines();

		List<String> damaged = new ArrayList<>(lines);
		int row = damaged
			.indexOf(damaged.stream().filter(line -> line.contains("greets, v3")).findFirst().orElseThrow());
		damaged.set(row, damaged.get(row).replace("greets, v3", "GREETS, v3"));
		assertRestoresNothing(write("damaged.plbk", damaged), "do not match the backup's count and checksum");
		assertRestoresNothing(write("truncated.plbk", lines.subList(0, lines.size() - 40)), "truncated");
		Path notBackup = this.dir.resolve("notes.txt");
		Files.writeString(notBackup, "not a backup");
		assertRestoresNothing(notBackup, "not a promptledger backup");

		Cli.Result occupied = Cli.run(source, "sa", "", "restore", "--from", good.toString());
		assertThat(occupied.exit()).isEqualTo(1);
		assertThat(occupied.err()).contains("the database is not empty", "--replace");
	}

	/**
	 * {@code restore --replace} verifies the whole file before it empties anything: a
	 * damaged, truncated, cut or foreign file leaves a populated database exactly as it
	 * was.
	 */
	@Test
	void replacingWithABadFileLeavesTheDatabaseAsItWas() throws IOException {
		Source backedUp = backedUp("backup-replace");
		String target = backedUp.url();
		Path good = backedUp.file();
		Map<String, String> before = tables(good);
		List<String> lines = backedUp.lines();
		List<String> damaged = new ArrayList<>(lines);
		int row = damaged
			.indexOf(damaged.stream().filter(line -> line.contains("greets, v3")).findFirst().orElseThrow());
		damaged.set(row, damaged.get(row).replace("greets, v3", "GREETS, v3"));
		byte[] gzip = Files.readAllBytes(good);
		Path cut = this.dir.resolve("cut.plbk");
		Files.write(cut, java.util.Arrays.copyOf(gzip, gzip.length * 2 / 3));
		Path notBackup = this.dir.resolve("replace-notes.txt");
		Files.writeString(notBackup, "not a backup");
		Map<Path, String> bad = new java.util.LinkedHashMap<>();
		bad.put(write("replace-damaged.plbk", damaged), "do not match the backup's count and checksum");
		bad.put(write("replace-truncated.plbk", lines.subList(0, lines.size() - 40)), "truncated");
		bad.put(write("replace-no-end.plbk", lines.subList(0, lines.size() - 1)), "truncated");
		bad.put(cut, "cut short");
		bad.put(notBackup, "not a promptledger backup");
		for (Map.Entry<Path, String> file : bad.entrySet()) {
			Cli.Result result = Cli.run(target, "sa", "", "restore", "--from", file.getKey().toString(), "--replace");
			assertThat(result.exit()).as(file.getKey().getFileName().toString()).isEqualTo(1);
			assertThat(result.err()).contains(file.getValue());
			Path after = this.dir.resolve("after-" + file.getKey().getFileName());
			assertThat(Cli.run(target, "sa", "", "backup", "--to", after.toString()).exit()).isZero();
			assertThat(tables(after)).as("the database after " + file.getKey().getFileName()).isEqualTo(before);
		}
		try (java.util.stream.Stream<Path> left = Files.list(this.dir)) {
			assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".promptledger"));
		}
	}

	/**
	 * Table and column names in a backup are checked against the schema and never reach
	 * SQL, and the checksums cover the structure: a crafted header is refused even with
	 * its checksums recomputed.
	 */
	@Test
	void aCraftedBackupIsRefusedBeforeAnySqlRuns() throws IOException {
		Source backedUp = backedUp("backup-crafted");
		String source = backedUp.url();
		List<String> lines = backedUp.lines();
		String injected = "role) VALUES (?, ?, ?, ?, ?, ?, ?); CREATE TABLE pwned (x INT); --";
		assertRestoresNothing(write("injected.plbk", renameColumn(lines, "app_user", "role", injected, true)),
				"is not a plain column name");
		assertRestoresNothing(write("unknown-column.plbk", renameColumn(lines, "app_user", "role", "rolle", true)),
				"does not have");
		assertRestoresNothing(write("header-changed.plbk", renameColumn(lines, "app_user", "role", "rolle", false)),
				"do not match the backup's count and checksum");
		List<String> foreignTable = new ArrayList<>(lines);
		int at = indexOfTable(foreignTable, "app_user");
		foreignTable.set(at, foreignTable.get(at).replace("\"app_user\"", "\"app_user; DROP TABLE prompt\""));
		assertRestoresNothing(write("foreign-table.plbk", foreignTable), "where 'app_user' belongs");

		// a well-formed file whose rows the schema refuses (a user twice): the replaced
		// database is put back
		List<String> twice = new ArrayList<>(lines);
		int user = indexOfTable(twice, "app_user") + 1;
		twice.add(user, twice.get(user));
		Path before = this.dir.resolve("crafted-before.plbk");
		assertThat(Cli.run(source, "sa", "", "backup", "--to", before.toString()).exit()).isZero();
		Cli.Result refused = Cli.run(source, "sa", "", "restore", "--from",
				write("twice.plbk", rechecksum(twice)).toString(), "--replace");
		assertThat(refused.exit()).isEqualTo(1);
		assertThat(refused.err()).contains("the database was put back as it was");
		Path after = this.dir.resolve("crafted-after.plbk");
		assertThat(Cli.run(source, "sa", "", "backup", "--to", after.toString()).exit()).isZero();
		assertThat(tables(after)).isEqualTo(tables(before));
	}

	/**
	 * A backup the previous release made (format 2, schema 6: before chat prompts and
	 * tags) restores, and the next start migrates it: its prompts are text prompts
	 * without config, their versions and labels as they were.
	 */
	@Test
	void aBackupOfThePreviousReleaseStillRestores() throws IOException {
		Path file = this.dir.resolve("format2.plbk");
		try (var in = BackupRestoreTest.class.getResourceAsStream("/backups/format2-schema6.backup")) {
			Files.copy(in, file);
		}
		String url = Cli.h2("backup-format2");
		Cli.Result restore = Cli.run(url, "sa", "", "restore", "--from", file.toString());
		assertThat(restore.exit()).as(restore.err()).isZero();
		assertThat(restore.out()).contains("prompt_version: 3");
		try (Node node = Node.start(url, "sa", "")) {
			// the admin token of the database the backup came from
			Api api = node.api().as("plg_fixture_admin_token_0123456789abcdefghij");
			JsonNode triage = api.get("/prompts/lookup?name=support/triage").send().json();
			assertThat(triage.get("type").asString()).isEqualTo("text");
			assertThat(triage.get("content").asString()).isEqualTo("Classify {{ticket}} by urgency.\n");
			assertThat(triage.get("config").toString()).isEqualTo("{}");
			assertThat(triage.get("tags")).isEmpty();
			assertThat(triage.get("version").asInt()).isEqualTo(2);
			JsonNode production = api.get("/prompts/lookup?name=support/triage&label=production").send().json();
			assertThat(production.get("content").asString()).isEqualTo("Classify {{ticket}}.\n");
			String id = triage.get("id").asString();
			JsonNode found = api.get("/prompts?q=URGENCY").send().json().get("items");
			assertThat(found).as("migration 7.1 made the prompts of before searchable by content").hasSize(1);
			assertThat(found.get(0).get("id").asString()).isEqualTo(id);
			Api.Response patched = api.patch("/prompts/" + id)
				.json(Map.of("config", Map.of("model", "m"), "tags", List.of("restored")))
				.send();
			assertThat(patched.status()).as(patched.body()).isEqualTo(200);
			assertThat(patched.json().get("version").asInt()).isEqualTo(3);
		}
	}

	/** An H2 database with the shared history written into it, and its backup. */
	private record Source(String url, Path file, List<String> lines) {
	}

	private Source backedUp(String stem) throws IOException {
		String url = Cli.h2(stem);
		try (Node node = Node.start(url, "sa", "")) {
			History.write(node.api());
		}
		Path file = this.dir.resolve(stem + ".plbk");
		assertThat(Cli.run(url, "sa", "", "backup", "--to", file.toString()).exit()).isZero();
		return new Source(url, file, BackupFiles.lines(file));
	}

	/**
	 * The lines with a column of a table renamed; with {@code fix}, every checksum
	 * recomputed to match.
	 */
	private static List<String> renameColumn(List<String> lines, String table, String column, String name, boolean fix)
			throws IOException {
		List<String> out = new ArrayList<>(lines);
		int at = indexOfTable(out, table);
		tools.jackson.databind.node.ObjectNode header = (tools.jackson.databind.node.ObjectNode) JSON
			.readTree(out.get(at));
		for (JsonNode c : header.get("columns")) {
			if (c.get("name").asString().equals(column)) {
				((tools.jackson.databind.node.ObjectNode) c).put("name", name);
			}
		}
		out.set(at, JSON.writeValueAsString(header));
		return fix ? rechecksum(out) : out;
	}

	/**
	 * Recomputes every table's checksum and the whole file's, as a forger who knows the
	 * format would.
	 */
	private static List<String> rechecksum(List<String> lines) throws IOException {
		List<String> out = new ArrayList<>(lines);
		Digest.Whole whole = Digest.ofFile(out.get(0));
		Digest digest = null;
		for (int i = 1; i < out.size(); i++) {
			JsonNode node = JSON.readTree(out.get(i));
			if (node.isObject() && node.has("table")) {
				List<String> columns = new ArrayList<>();
				node.get("columns")
					.forEach(c -> columns.add(c.get("name").asString() + ":" + c.get("type").asString()));
				digest = Digest.ofStructure(node.get("table").asString(), columns);
			}
			else if (node.isArray()) {
				digest.add(out.get(i).getBytes(StandardCharsets.UTF_8));
			}
			else if (node.has("end")) {
				tools.jackson.databind.node.ObjectNode end = (tools.jackson.databind.node.ObjectNode) node;
				end.put("checksum", digest.hex());
				end.put("rows", digest.rows());
				out.set(i, JSON.writeValueAsString(end));
				whole.addTable(node.get("end").asString(), digest);
			}
			else if (node.has("end_of_backup")) {
				tools.jackson.databind.node.ObjectNode end = (tools.jackson.databind.node.ObjectNode) node;
				end.put("checksum", whole.hex());
				out.set(i, JSON.writeValueAsString(end));
			}
		}
		return out;
	}

	private static int indexOfTable(List<String> lines, String table) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("{\"table\":\"" + table + "\"")) {
				return i;
			}
		}
		throw new AssertionError("no table " + table);
	}

	private void assertRestoresNothing(Path file, String why) {
		String target = Cli.h2("backup-refused");
		Cli.Result result = Cli.run(target, "sa", "", "restore", "--from", file.toString());
		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.err()).contains(why);
		try (Node node = Node.start(target, "sa", "")) {
			assertThat(node.jdbc().sql("SELECT COUNT(*) FROM prompt").query(Long.class).single()).isZero();
			assertThat(node.jdbc()
				.sql("SELECT COUNT(*) FROM app_user WHERE username <> 'admin'")
				.query(Long.class)
				.single()).isZero();
			assertThat(node.jdbc()
				.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'pwned'")
				.query(Long.class)
				.single()).isZero();
		}
	}

	private static Map<String, String> tables(Path backup) throws IOException {
		Map<String, String> tables = BackupFiles.tables(backup);
		assertThat(tables).hasSize(Table.values().length);
		return tables;
	}

	private Path write(String name, List<String> lines) throws IOException {
		Path file = this.dir.resolve(name);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

}
