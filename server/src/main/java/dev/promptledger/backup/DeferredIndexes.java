package dev.promptledger.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.promptledger.config.DatabaseKind;

/**
 * On PostgreSQL, a restore builds the restored tables' secondary indexes (those that back
 * no constraint: the search's trigram index, the list orders, the audit log's filters)
 * once the rows are in, instead of updating them row by row: in the load's transaction,
 * so a load that fails leaves them as they were. Primary keys and unique constraints
 * stay, for the foreign keys and the deferred updates that find rows by key. The
 * definitions are read from the migrated schema itself, so they are exactly what the
 * migrations made.
 */
final class DeferredIndexes {

	private static final String SECONDARY = """
			SELECT ci.relname, pg_get_indexdef(i.indexrelid)
			FROM pg_index i
			JOIN pg_class ci ON ci.oid = i.indexrelid
			JOIN pg_class ct ON ct.oid = i.indrelid
			JOIN pg_namespace n ON n.oid = ct.relnamespace
			WHERE n.nspname = current_schema() AND ct.relname = ANY (?)
			  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
			ORDER BY ci.relname""";

	private final List<String> definitions;

	private DeferredIndexes(List<String> definitions) {
		this.definitions = definitions;
	}

	/**
	 * Drops the secondary indexes of these tables (on PostgreSQL; H2 keeps its own) and
	 * remembers how to build them again.
	 */
	static DeferredIndexes drop(Connection connection, DatabaseKind kind, Table[] tables) throws SQLException {
		List<String> definitions = new ArrayList<>();
		if (kind != DatabaseKind.POSTGRESQL) {
			return new DeferredIndexes(definitions);
		}
		List<String> names = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(SECONDARY)) {
			query.setArray(1,
					connection.createArrayOf("text", Arrays.stream(tables).map(Table::sqlName).toArray(String[]::new)));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
					definitions.add(rows.getString(2));
				}
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String name : names) {
				statement.execute("DROP INDEX \"" + name.replace("\"", "\"\"") + "\"");
			}
		}
		return new DeferredIndexes(definitions);
	}

	/** Builds the dropped indexes again, over every row now in. */
	void rebuild(Connection connection) throws SQLException {
		if (this.definitions.isEmpty()) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			// a sort in memory per index build rather than on disk; the session's own
			statement.execute("SET LOCAL maintenance_work_mem = '128MB'");
			for (String definition : this.definitions) {
				statement.execute(definition);
			}
		}
	}

}
