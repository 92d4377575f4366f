package dev.promptledger.schema;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresDatabase;
import dev.promptledger.support.PublicPrompts;
import dev.promptledger.version.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's plain {@code prompts} table (no history) is adopted when promptledger first
 * starts on its database: every row becomes a prompt with exactly one baseline version,
 * and starting again changes nothing. Run on H2 (integer ids, a description column, zoned
 * timestamps) and on PostgreSQL (UUID ids, timestamps without a zone), with a few
 * thousand real prompts whose titles are not valid names.
 */
class LegacyAdoptionTest {

	private static final int ROWS = 3000;

	/** A legacy row as the test wrote it. */
	record Legacy(Object id, String name, String content, String description, OffsetDateTime created,
			OffsetDateTime updated) {
	}

	@Test
	void adoptsOnH2() throws Exception {
		String url = "jdbc:h2:mem:legacy-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		List<Legacy> rows = rows(i -> i + 1, true);
		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			execute(db, """
					CREATE TABLE prompts (id INTEGER PRIMARY KEY, name VARCHAR(300) NOT NULL, content TEXT,
					  description TEXT, created_at TIMESTAMP WITH TIME ZONE, updated_at TIMESTAMP WITH TIME ZONE)""");
			insert(db, rows, true, true);
			adoptAndStartAgain(url, "sa", "", rows, true);
		}
	}

	@Test
	void adoptsOnPostgres() throws Exception {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		String url = PostgresDatabase.scratch("legacy");
		List<Legacy> rows = rows(i -> UUID.nameUUIDFromBytes(("row " + i).getBytes(StandardCharsets.UTF_8)), false);
		try (Connection db = DriverManager.getConnection(url, PostgresDatabase.user(), PostgresDatabase.password())) {
			execute(db, """
					CREATE TABLE prompts (id UUID PRIMARY KEY, name TEXT NOT NULL, content TEXT NOT NULL,
					  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""");
			insert(db, rows, false, false);
			adoptAndStartAgain(url, PostgresDatabase.user(), PostgresDatabase.password(), rows, false);
		}
	}

	private static void adoptAndStartAgain(String url, String user, String password, List<Legacy> rows,
			boolean descriptions) {
		List<Map<String, Object>> before;
		try (Node node = Node.start(url, user, password)) {
			JdbcClient jdbc = node.jdbc();
			assertThat(count(jdbc, "SELECT COUNT(*) FROM prompt")).isEqualTo(ROWS);
			assertThat(count(jdbc, "SELECT COUNT(*) FROM prompt_version")).isEqualTo(ROWS);
			assertThat(count(jdbc, """
					SELECT COUNT(*) FROM prompt p JOIN prompt_version v ON v.id = p.head_version_id
					WHERE p.head_number = 1 AND v.number = 1 AND v.change_type = 'create' AND v.author = 'migration'
					  AND v.parent_version_id IS NULL AND p.created_by = 'migration'""")).isEqualTo(ROWS);
			assertThat(count(jdbc,
					"SELECT COUNT(*) FROM audit_entry WHERE action = 'prompt.create' AND actor = 'migration'"))
				.isEqualTo(ROWS);
			assertThat(jdbc.sql("SELECT disabled FROM app_user WHERE username = 'migration'")
				.query(Boolean.class)
				.single()).as("nobody can act as the migration").isTrue();
			Api api = node.api();
			assertThat(api.get("/me").send().status()).as("the bootstrap admin exists").isEqualTo(200);
			for (Legacy row : rows) {
				UUID id = row.id() instanceof UUID uuid ? uuid : UUID
					.nameUUIDFromBytes(("promptledger:legacy-prompt:" + row.id()).getBytes(StandardCharsets.UTF_8));
				String content = row.content() == null ? "" : row.content();
				assertThat(jdbc
					.sql("SELECT v.content_sha256 FROM prompt p JOIN prompt_version v ON v.id = p.head_version_id "
							+ "WHERE p.id = ?")
					.param(id)
					.query(String.class)
					.single()).isEqualTo(Sha256.of(content));
				if (rows.indexOf(row) % 20 != 0) {
					continue;
				}
				JsonNode prompt = api.get("/prompts/" + id).send().json();
				assertThat(prompt.get("content").asString()).isEqualTo(content);
				assertThat(prompt.get("type").asString()).as("an adopted prompt is a text").isEqualTo("text");
				assertThat(prompt.get("config").toString()).isEqualTo("{}");
				assertThat(prompt.get("created_at").asString()).isEqualTo(millis(row.created()));
				JsonNode version = prompt.get("latest_version");
				assertThat(version.get("created_at").asString()).as("the row's own time")
					.isEqualTo(millis(row.updated()));
				assertThat(version.get("message").asString()).contains(String.valueOf(row.id()));
				if (descriptions) {
					assertThat(prompt.get("description").isNull() ? null : prompt.get("description").asString())
						.isEqualTo(row.description());
				}
			}
			assertThat(api.get("/prompts/lookup?name=Linux-Terminal").send().status())
				.as("a title becomes a valid name")
				.isEqualTo(200);
			assertThat(api.get("/prompts?q=linux%20terminal&limit=200").send().json().get("items").toString())
				.as("adopted prompts are found by what they say (migration 7.1)")
				.contains("Linux-Terminal");
			assertThat(api.get("/prompts/lookup?name=team/support/greeting-7").send().json().get("content").asString())
				.as("a valid name is kept")
				.isEqualTo(rows.get(rows.size() - 7 - 1).content());
			before = snapshot(jdbc);
		}
		try (Node node = Node.start(url, user, password)) {
			assertThat(snapshot(node.jdbc())).as("starting again changes nothing").isEqualTo(before);
			assertThat(count(node.jdbc(), "SELECT COUNT(*) FROM prompt_version")).isEqualTo(ROWS);
		}
	}

	private static List<Map<String, Object>> snapshot(JdbcClient jdbc) {
		List<Map<String, Object>> all = new ArrayList<>();
		all.addAll(jdbc.sql("SELECT id, head_version_id, live_name, updated_at FROM prompt ORDER BY id")
			.query()
			.listOfRows());
		all.addAll(jdbc.sql("SELECT id, number, content_sha256 FROM prompt_version ORDER BY id").query().listOfRows());
		all.add(Map.of("audit", count(jdbc, "SELECT COUNT(*) FROM audit_entry"), "users",
				count(jdbc, "SELECT COUNT(*) FROM app_user"), "migrations",
				count(jdbc, "SELECT COUNT(*) FROM flyway_schema_history")));
		return all;
	}

	/**
	 * The legacy rows: the public collection's titles and prompts (titles like "Linux
	 * Terminal", some twice, some in other scripts), then valid path names, one empty
	 * content and one without content.
	 */
	private static List<Legacy> rows(java.util.function.IntFunction<Object> ids, boolean nullContent) throws Exception {
		List<Legacy> rows = new ArrayList<>();
		OffsetDateTime start = OffsetDateTime.of(2024, 1, 1, 9, 30, 0, 123_000_000, ZoneOffset.UTC);
		for (CSVRecord record : PublicPrompts.rows().subList(0, ROWS / 2)) {
			int i = rows.size();
			rows.add(new Legacy(ids.apply(i), record.get("act"), record.get("prompt"),
					i % 3 == 0 ? null : "from the collection", start.plusMinutes(i), start.plusMinutes(i).plusDays(3)));
		}
		while (rows.size() < ROWS) {
			int i = rows.size();
			String content = i == ROWS - 2 ? ""
					: i == ROWS - 1 && nullContent ? null : "Greet the customer, case " + i + ".\n";
			rows.add(new Legacy(ids.apply(i), "team/support/greeting-" + (ROWS - 1 - i), content, null,
					start.plusHours(i), start.plusHours(i)));
		}
		return rows;
	}

	private static void insert(Connection db, List<Legacy> rows, boolean descriptions, boolean zoned)
			throws SQLException {
		String sql = "INSERT INTO prompts (id, name, content" + (descriptions ? ", description" : "")
				+ ", created_at, updated_at) VALUES (?, ?, ?" + (descriptions ? ", ?" : "") + ", ?, ?)";
		try (PreparedStatement insert = db.prepareStatement(sql)) {
			for (Legacy row : rows) {
				int c = 1;
				insert.setObject(c++, row.id());
				insert.setString(c++, row.name());
				insert.setString(c++, row.content());
				if (descriptions) {
					insert.setString(c++, row.description());
				}
				insert.setObject(c++,
						zoned ? row.created() : LocalDateTime.ofInstant(row.created().toInstant(), ZoneOffset.UTC));
				insert.setObject(c++,
						zoned ? row.updated() : LocalDateTime.ofInstant(row.updated().toInstant(), ZoneOffset.UTC));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private static String millis(OffsetDateTime time) {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").format(time);
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private static void execute(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

}
