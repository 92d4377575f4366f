package dev.promptledger.db;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch on H2 and PostgreSQL: its statements run in order, each seeing the ones before;
 * on PostgreSQL nothing reaches the database before the batch runs (they go together), on
 * H2 each runs as it is added; answers reach their callbacks only once the batch has run,
 * on both; a failing statement fails the run and answers nothing after it.
 */
class BatchTest {

	@Test
	void onH2() {
		check(new DriverManagerDataSource("jdbc:h2:mem:batch;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
				"sa", ""), DatabaseKind.H2);
	}

	@Test
	void onPostgres() {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		check(new DriverManagerDataSource(PostgresDatabase.scratch("batch"), PostgresDatabase.user(),
				PostgresDatabase.password()), DatabaseKind.POSTGRESQL);
	}

	private static void check(DataSource dataSource, DatabaseKind kind) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("CREATE TABLE note (id INTEGER PRIMARY KEY, text VARCHAR(20) NOT NULL)").update();
		Batches batches = new Batches(new JdbcTemplate(dataSource), kind);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		boolean together = kind == DatabaseKind.POSTGRESQL;

		List<String> answers = new ArrayList<>();
		transactions.executeWithoutResult(status -> {
			Batch batch = batches.open();
			batch.update(count -> answers.add("inserted " + count), "INSERT INTO note (id, text) VALUES (?, ?)", 1,
					"first");
			batch.update(count -> answers.add("changed " + count), "UPDATE note SET text = ? WHERE id = ?", "second",
					1);
			batch.update("INSERT INTO note (id, text) VALUES (?, ?)", 2, "other");
			batch.query((rs, n) -> rs.getString("text"), rows -> answers.add("read " + rows),
					"SELECT text FROM note ORDER BY id");
			assertThat(answers).as("nothing answered before the run").isEmpty();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM note").query(Long.class).single())
				.as("rows written before the run")
				.isEqualTo(together ? 0L : 2L);
			batch.run();
			assertThatThrownBy(batch::run).isInstanceOf(IllegalStateException.class);
			assertThatThrownBy(() -> batch.update("DELETE FROM note")).isInstanceOf(IllegalStateException.class);
		});
		assertThat(answers).containsExactly("inserted 1", "changed 1", "read [second, other]");
		assertThat(jdbc.sql("SELECT text FROM note ORDER BY id").query(String.class).list()).containsExactly("second",
				"other");

		List<String> after = new ArrayList<>();
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			Batch batch = batches.open();
			batch.update(count -> after.add("inserted " + count), "INSERT INTO note (id, text) VALUES (?, ?)", 3,
					"third");
			batch.update(count -> after.add("duplicate " + count), "INSERT INTO note (id, text) VALUES (?, ?)", 1,
					"again");
			batch.update(count -> after.add("after " + count), "INSERT INTO note (id, text) VALUES (?, ?)", 4,
					"fourth");
			batch.run();
		})).isInstanceOf(DuplicateKeyException.class);
		assertThat(after).as("no answer from a failed batch").isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM note").query(Long.class).single()).as("all rolled back")
			.isEqualTo(2L);

		assertThatThrownBy(batches::open).as("outside a transaction").isInstanceOf(IllegalStateException.class);
	}

}
