package dev.promptledger.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.promptledger.migration.JavaMigrations;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's look, four times a second on every node, reads the audit entries it
 * reports and not the table: also when the connection first looked at an audit table of a
 * few rows and the table grew afterwards with no ANALYZE (autovacuum off, or not yet
 * run). The rows it reads are counted by PostgreSQL for the transaction, so no clock is
 * involved; before, one look read all 50,000 entries.
 */
class ListenerLookPlanTest {

	private static final int ENTRIES = 50_000;

	@Test
	void aLookReadsWhatChangedNotTheAuditTable() throws SQLException {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		// one connection, as the listener's
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(PostgresDatabase.scratch("look"),
				PostgresDatabase.user(), PostgresDatabase.password(), true);
		try {
			Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
				.javaMigrations(JavaMigrations.all())
				.load()
				.migrate();
			Connection connection = dataSource.getConnection();
			Listener.planEachLook(connection);
			execute(connection, "INSERT INTO app_user (username, role, created_at, updated_at) "
					+ "VALUES ('admin', 'admin', now(), now())");
			entries(connection, 3);
			for (int i = 0; i < 20; i++) {
				// a node that has just started: a few entries in the table
				assertThat(look(connection, snapshot(connection))).isZero();
			}
			entries(connection, ENTRIES);
			String before = snapshot(connection);
			execute(connection, "INSERT INTO audit_entry (id, at, actor, action, details) "
					+ "VALUES (gen_random_uuid(), now(), 'admin', 'user.create', '{}')");

			connection.setAutoCommit(false);
			try {
				assertThat(look(connection, before)).as("the entry written since the snapshot").isEqualTo(1);
				try (Statement statement = connection.createStatement(); ResultSet read = statement.executeQuery("""
						SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
						WHERE relname = 'audit_entry'""")) {
					read.next();
					assertThat(read.getLong(1)).as("audit entries one look read, of %d", ENTRIES + 4)
						.isLessThanOrEqualTo(10);
				}
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		finally {
			dataSource.destroy();
		}
	}

	/** How many changes one look found since {@code snapshot}. */
	private static int look(Connection connection, String snapshot) throws SQLException {
		int changes = 0;
		try (PreparedStatement statement = connection.prepareStatement(Listener.LOOK)) {
			statement.setString(1, snapshot);
			statement.setString(2, snapshot);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					changes += rows.getBoolean("change") ? 1 : 0;
				}
			}
		}
		return changes;
	}

	private static String snapshot(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT CAST(pg_current_snapshot() AS text)")) {
			row.next();
			return row.getString(1);
		}
	}

	/**
	 * {@code count} entries of transactions long over (their ids below any snapshot's).
	 */
	private static void entries(Connection connection, int count) throws SQLException {
		execute(connection, "INSERT INTO audit_entry (id, at, actor, action, details, tx) "
				+ "SELECT gen_random_uuid(), now(), 'admin', 'user.create', '{}', CAST(CAST(n AS text) AS xid8) "
				+ "FROM generate_series(3, " + (count + 2) + ") n");
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
