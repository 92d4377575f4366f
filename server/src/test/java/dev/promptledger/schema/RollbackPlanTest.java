package dev.promptledger.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.promptledger.support.BackupFiles;
import dev.promptledger.support.Cli;
import dev.promptledger.support.History;
import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rollback plan of docs/operations.md, run: back up, migrate with a release whose
 * migrations fail halfway (one that works, then one that breaks after changing things),
 * see nodes refuse to start, restore the backup, and find the database exactly as it was:
 * every row, every table and column, and the schema history. On H2, whose DDL does not
 * roll back, and on PostgreSQL, whose DDL does.
 */
class RollbackPlanTest {

	/**
	 * The release with the broken migrations: the real ones plus db/failing from the test
	 * resources.
	 */
	private static final String BROKEN_RELEASE = "--spring.flyway.locations=classpath:db/migration/common,"
			+ "classpath:db/migration/{vendor},classpath:db/failing";

	@TempDir
	Path dir;

	@Test
	void onH2() throws Exception {
		rollBack(Cli.h2("rollback"), "sa", "");
	}

	@Test
	void onPostgres() throws Exception {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		rollBack(PostgresDatabase.scratch("rollback"), PostgresDatabase.user(), PostgresDatabase.password());
	}

	private void rollBack(String url, String user, String password) throws Exception {
		try (Node node = Node.start(url, user, password)) {
			History.write(node.api());
		}
		Path backup = this.dir.resolve("before-upgrade.plbk");
		assertThat(Cli.run(url, user, password, "backup", "--to", backup.toString()).exit()).isZero();
		Path before = this.dir.resolve("before.plbk");
		Files.copy(backup, before);
		List<String> shape = shape(url, user, password);

		Cli.Result dryRun = Cli.run(url, user, password, "migrate", "--dry-run", BROKEN_RELEASE);
		assertThat(dryRun.exit()).isZero();
		assertThat(dryRun.out()).contains("90  add probe column", "91  fail halfway");
		assertThat(shape(url, user, password)).as("a dry run changes nothing").isEqualTo(shape);

		Cli.Result upgrade = Cli.run(url, user, password, "migrate", BROKEN_RELEASE);
		assertThat(upgrade.exit()).isEqualTo(1);
		assertThat(upgrade.err()).contains("A schema migration failed", "91", "Restore the backup");
		assertThat(shape(url, user, password)).as("the failed upgrade left the database changed").isNotEqualTo(shape);
		assertThatThrownBy(() -> Node.start(url, user, password, BROKEN_RELEASE).close())
			.as("a node of the broken release refuses to start")
			.hasStackTraceContaining("A schema migration failed");

		Cli.Result restore = Cli.run(url, user, password, "restore", "--from", backup.toString(), "--replace");
		assertThat(restore.exit()).as(restore.err()).isZero();
		assertThat(shape(url, user, password)).as("tables, columns and schema history as they were").isEqualTo(shape);
		Path after = this.dir.resolve("after.plbk");
		assertThat(Cli.run(url, user, password, "backup", "--to", after.toString()).exit()).isZero();
		assertThat(tables(after)).as("every row as it was").isEqualTo(tables(before));
		try (Node node = Node.start(url, user, password)) {
			assertThat(node.api().get("/prompts/lookup?name=support/greeting").send().status()).isEqualTo(200);
		}
	}

	/**
	 * Every table with its columns and their types, and the schema history (without
	 * install times).
	 */
	private static List<String> shape(String url, String user, String password) throws SQLException {
		List<String> shape = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(url, user, password)) {
			try (ResultSet columns = db.getMetaData().getColumns(null, db.getSchema(), "%", "%")) {
				while (columns.next()) {
					shape.add(columns.getString("TABLE_NAME").toLowerCase(Locale.ROOT) + "."
							+ columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
							+ columns.getString("TYPE_NAME"));
				}
			}
			try (ResultSet history = db.createStatement()
				.executeQuery(
						"SELECT version, description, checksum, success FROM flyway_schema_history ORDER BY installed_rank")) {
				while (history.next()) {
					shape.add("migration " + history.getString(1) + " " + history.getString(2) + " "
							+ history.getString(3) + " " + history.getBoolean(4));
				}
			}
		}
		shape.sort(null);
		return shape;
	}

	private static Map<String, String> tables(Path backup) throws IOException {
		Map<String, String> tables = BackupFiles.tables(backup);
		assertThat(tables).isNotEmpty();
		return tables;
	}

}
