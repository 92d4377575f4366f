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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.BackupFiles;
import dev.promptledger.support.Cli;
import dev.promptledger.support.History;
import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresDatabase;
import dev.promptledger.support.Walk;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} and {@code restore} keep everything, across databases: a history written on H2 is
 * backed up, restored into an empty PostgreSQL database, backed up again and restored into an empty H2
 * database; every table's rows (count and checksum) are the same at each step, and PostgreSQL answers
 * every read of the API exactly as the original did. A damaged or truncated backup restores nothing.
 */
class BackupRestoreTest {

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
			before = Walk.of(node.api());
		}
		Path first = this.dir.resolve("first.plbk");
		Cli.Result backup = Cli.run(source, "sa", "", "backup", "--to", first.toString());
		assertThat(backup.exit()).as(backup.err()).isZero();
		assertThat(backup.out()).contains("prompt_version: 24", "audit_entry: ");

		String postgres = PostgresDatabase.scratch("restore");
		Cli.Result restore = Cli.run(postgres, PostgresDatabase.user(), PostgresDatabase.password(), "restore", "--from",
				first.toString());
		assertThat(restore.exit()).as(restore.err()).isZero();
		Path second = this.dir.resolve("second.plbk");
		assertThat(Cli.run(postgres, PostgresDatabase.user(), PostgresDatabase.password(), "backup", "--to",
				second.toString()).exit()).isZero();
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
			assertThat(node.api().post("/prompts").json(Map.of("name", "after/restore", "content", "new")).send().status())
				.as("writing goes on after a restore").isEqualTo(201);
			JsonNode audit = node.api().get("/audit?limit=2").send().json().get("items");
			assertThat(audit.get(0).get("action").asString()).isEqualTo("prompt.create");
			assertThat(audit.get(0).get("id").asString()).isNotEqualTo(audit.get(1).get("id").asString());
		}
	}

	@Test
	void aDamagedOrTruncatedBackupRestoresNothing() throws IOException {
		String source = Cli.h2("backup-damaged");
		try (Node node = Node.start(source, "sa", "")) {
			History.write(node.api());
		}
		Path good = this.dir.resolve("good.plbk");
		assertThat(Cli.run(source, "sa", "", "backup", "--to", good.toString()).exit()).isZero();
		List<String> lines = BackupFiles.lines(good);

		List<String> damaged = new ArrayList<>(lines);
		int row = damaged.indexOf(damaged.stream().filter(line -> line.contains("greets, v3")).findFirst().orElseThrow());
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

	private void assertRestoresNothing(Path file, String why) {
		String target = Cli.h2("backup-refused");
		Cli.Result result = Cli.run(target, "sa", "", "restore", "--from", file.toString());
		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.err()).contains(why);
		try (Node node = Node.start(target, "sa", "")) {
			assertThat(node.jdbc().sql("SELECT COUNT(*) FROM prompt").query(Long.class).single()).isZero();
			assertThat(node.jdbc().sql("SELECT COUNT(*) FROM app_user WHERE username <> 'admin'").query(Long.class).single())
				.isZero();
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
