package dev.promptledger.version;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.migration.JavaMigrations;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration into the content store, on a database with versions written before it:
 * every version keeps what it says, identical contents are stored once, and the old
 * column is emptied.
 */
class ContentMigrationTest {

	@Test
	void existingVersionsMoveIntoTheStoreOnH2() {
		check("jdbc:h2:mem:content-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", "h2");
	}

	@Test
	void existingVersionsMoveIntoTheStoreOnPostgres() {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		String url = PostgresDatabase.url();
		String name = "promptledger_migration_" + Long.toHexString(System.nanoTime());
		JdbcClient server = JdbcClient
			.create(new DriverManagerDataSource(url, PostgresDatabase.user(), PostgresDatabase.password()));
		server.sql("CREATE DATABASE " + name).update();
		try {
			check(url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), PostgresDatabase.user(),
					PostgresDatabase.password(), "postgresql");
		}
		finally {
			server.sql("DROP DATABASE " + name + " WITH (FORCE)").update();
		}
	}

	private static void check(String url, String user, String password, String vendor) {
		DataSource dataSource = new DriverManagerDataSource(url, user, password);
		flyway(dataSource, vendor).target(MigrationVersion.fromVersion("2.2")).load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		OffsetDateTime now = OffsetDateTime.now();
		jdbc.sql(
				"INSERT INTO app_user (username, role, disabled, created_at, updated_at) VALUES ('admin', 'admin', FALSE, ?, ?)")
			.params(now, now)
			.update();
		List<String> contents = new ArrayList<>();
		for (int p = 0; p < 30; p++) {
			UUID prompt = UUID.randomUUID();
			jdbc.sql(
					"INSERT INTO prompt (id, live_name, head_number, created_at, created_by, updated_at) VALUES (?, ?, 0, ?, 'admin', ?)")
				.params(prompt, "legacy-" + p, now, now)
				.update();
			UUID parent = null;
			for (int n = 1; n <= 3; n++) {
				String content = n == 3 ? "shared content " + (p % 5) : "prompt " + p + " version " + n + " é😀\n";
				contents.add(content);
				UUID version = UUID.randomUUID();
				jdbc.sql(
						"""
								INSERT INTO prompt_version (id, prompt_id, number, name, content, content_sha256, created_at, author,
								  change_type, parent_version_id, lines_added, lines_removed, chars_added, chars_removed,
								  fields_changed, variables)
								VALUES (?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, 0, 0, 0, 0, '', '')""")
					.params(version, prompt, n, "legacy-" + p, content, Sha256.of(content), now,
							n == 1 ? "create" : "update", parent)
					.update();
				parent = version;
			}
			jdbc.sql("UPDATE prompt SET head_version_id = ?, head_number = 3 WHERE id = ?")
				.params(parent, prompt)
				.update();
		}

		flyway(dataSource, vendor).load().migrate();

		assertThat(jdbc.sql("SELECT COUNT(*) FROM prompt_version WHERE content IS NOT NULL OR content_hash IS NULL")
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM content_blob").query(Long.class).single())
			.as("identical contents are stored once")
			.isEqualTo(contents.stream().distinct().count());
		ContentStore store = new ContentStore(jdbc, dataSource, DatabaseKind.of(url), 128, 0, "auto", 1000);
		for (String content : contents) {
			byte[] hash = ContentStore.sha256(content.getBytes(StandardCharsets.UTF_8));
			assertThat(store.read(hash)).isEqualTo(content);
		}
		List<String> hashes = jdbc.sql("SELECT content_sha256 FROM prompt_version").query(String.class).list();
		for (String hex : hashes) {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM content_blob WHERE hash = ?")
				.param(HexFormat.of().parseHex(hex))
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource dataSource,
			String vendor) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.javaMigrations(JavaMigrations.all());
	}

}
