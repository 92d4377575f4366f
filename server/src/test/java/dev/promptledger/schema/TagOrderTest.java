package dev.promptledger.schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.support.Api;
import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tag rows carry their prompt's sort keys (migration V10) whoever writes: a node of the
 * previous release inserts tags and changes prompts with SQL that does not know these
 * columns, and the database's triggers keep them equal to the prompt's, on H2 and on
 * PostgreSQL.
 */
class TagOrderTest {

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void tagRowsFollowTheirPromptWhenAnOlderNodeWrites(String database) {
		String url = database.equals("h2") ? Cli.h2("tag-order") : PostgresDatabase.scratch("tag_order");
		String user = database.equals("h2") ? "sa" : PostgresDatabase.user();
		String password = database.equals("h2") ? "" : PostgresDatabase.password();
		if (database.equals("postgresql") && PostgresDatabase.unreachableReason() != null
				&& System.getenv("CI") == null) {
			return;
		}
		try (Node node = Node.start(url, user, password)) {
			Api.Response created = node.api()
				.post("/prompts")
				.json(Map.of("name", "older/writes", "content", "x", "tags", List.of("new")))
				.send();
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			UUID id = UUID.fromString(created.text("id"));
			JdbcClient jdbc = node.jdbc();

			// what a node of the previous release sends: no sort keys on the tag row
			jdbc.sql("INSERT INTO prompt_tag (prompt_id, tag) VALUES (:id, 'older')").param("id", id).update();
			assertThat(mismatches(jdbc, id)).isZero();
			jdbc.sql("UPDATE prompt SET updated_at = updated_at + INTERVAL '1' HOUR WHERE id = :id")
				.param("id", id)
				.update();
			jdbc.sql("UPDATE prompt SET live_name = 'older/renamed', name_key = 'older/renamed' WHERE id = :id")
				.param("id", id)
				.update();
			assertThat(mismatches(jdbc, id)).isZero();
			jdbc.sql("UPDATE prompt SET deleted_at = updated_at, deleted_by = created_by, live_name = NULL, "
					+ "name_key = NULL WHERE id = :id")
				.param("id", id)
				.update();
			assertThat(mismatches(jdbc, id)).isZero();
			assertThat(jdbc.sql("SELECT count(*) FROM prompt_tag WHERE prompt_id = :id AND live_name IS NULL")
				.param("id", id)
				.query(Long.class)
				.single()).as("a deleted prompt's tags are not live").isEqualTo(2);
		}
	}

	/** Tag rows of the prompt whose keys differ from the prompt's. */
	private static long mismatches(JdbcClient jdbc, UUID id) {
		return jdbc.sql("""
				SELECT count(*) FROM prompt_tag t JOIN prompt p ON p.id = t.prompt_id
				WHERE p.id = :id AND (t.updated_at <> p.updated_at OR t.created_at <> p.created_at
				  OR t.updated_at IS NULL OR t.created_at IS NULL
				  OR COALESCE(t.live_name, '') <> COALESCE(p.live_name, ''))""")
			.param("id", id)
			.query(Long.class)
			.single();
	}

}
