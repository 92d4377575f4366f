package dev.promptledger.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import dev.promptledger.config.DatabaseKind;

/**
 * What a restore does once every row is in, in the load's transaction: the deferred
 * columns (those that point along a cycle or within their table) are set, and the
 * identity columns move past the restored rows. Table and column names are this release's
 * own ({@link Table}).
 */
final class RestoreFinish {

	private static final int BATCH = 500;

	private RestoreFinish() {
	}

	static void run(Connection connection, DatabaseKind kind, Map<Table, List<BackupReader.Deferred>> deferred,
			java.util.Set<Table> restored) throws SQLException {
		for (Map.Entry<Table, List<BackupReader.Deferred>> entry : deferred.entrySet()) {
			update(connection, entry.getKey(), entry.getValue());
		}
		restartIdentities(connection, kind, restored);
	}

	private static void update(Connection connection, Table table, List<BackupReader.Deferred> rows)
			throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE " + table.sqlName() + " SET " + table.deferred() + " = ? WHERE " + table.key() + " = ?")) {
			int pending = 0;
			for (BackupReader.Deferred row : rows) {
				update.setObject(1, row.value());
				update.setObject(2, row.key());
				update.addBatch();
				if (++pending == BATCH) {
					update.executeBatch();
					pending = 0;
				}
			}
			update.executeBatch();
		}
	}

	/**
	 * New audit entries, label events, change requests and webhook events continue after
	 * the restored ones.
	 */
	private static void restartIdentities(Connection connection, DatabaseKind kind, java.util.Set<Table> restored)
			throws SQLException {
		for (Table table : Table.WITH_SEQUENCE) {
			if (!restored.contains(table)) {
				// an older format's schema has no such table yet
				continue;
			}
			long next;
			try (Statement statement = connection.createStatement();
					ResultSet max = statement
						.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table.sqlName())) {
				max.next();
				next = max.getLong(1);
			}
			try (Statement statement = connection.createStatement()) {
				if (kind == DatabaseKind.POSTGRESQL) {
					statement.execute("SELECT setval(pg_get_serial_sequence('" + table.sqlName() + "', 'seq'), " + next
							+ ", false)");
				}
				else {
					statement.execute("ALTER TABLE " + table.sqlName() + " ALTER COLUMN seq RESTART WITH " + next);
				}
			}
		}
	}

}
