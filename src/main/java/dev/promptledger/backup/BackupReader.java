package dev.promptledger.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.promptledger.config.DatabaseKind;

/**
 * Loads a backup's rows into a database whose schema is at the backup's version: every table in one
 * transaction, in batches, each checked against its row count and checksum, the deferred columns set
 * once every row is in, the identity columns moved past the restored rows. Anything wrong (a damaged or
 * truncated file, a row the schema refuses) rolls the whole load back.
 */
final class BackupReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BATCH = 500;

	private BackupReader() {
	}

	/** The first line of a backup: which format and schema it is. */
	record Header(int formatVersion, String schemaVersion, String createdAt, String source) {

		static Header read(BufferedReader in) throws IOException {
			JsonNode header = parse(in.readLine(), "the first line");
			if (!BackupWriter.FORMAT.equals(text(header, "format"))) {
				throw new BackupException("this file is not a promptledger backup");
			}
			int version = header.path("format_version").asInt();
			if (version != BackupWriter.FORMAT_VERSION) {
				throw new BackupException("the backup is in format version " + version + "; this release reads version "
						+ BackupWriter.FORMAT_VERSION);
			}
			return new Header(version, text(header, "schema_version"), text(header, "created_at"), text(header, "source"));
		}

	}

	/** A column of a restored table. */
	private record Column(String name, ColumnType type) {
	}

	/** A deferred column's value for the row with this key. */
	private record Deferred(Object key, Object value) {
	}

	/** Loads every table that follows the header; returns the rows restored per table. */
	static Map<String, Long> load(BufferedReader in, Connection connection, DatabaseKind kind)
			throws IOException, SQLException {
		Map<String, Long> restored = new LinkedHashMap<>();
		Map<Table, List<Deferred>> deferred = new LinkedHashMap<>();
		while (true) {
			JsonNode section = parse(in.readLine(), "a table's header");
			if (section.path("end_of_backup").asBoolean(false)) {
				if (section.path("tables").asInt() != restored.size()) {
					throw new BackupException("the backup ends after " + restored.size() + " of "
							+ section.path("tables").asInt() + " tables");
				}
				break;
			}
			Table table = Table.of(text(section, "table"));
			List<Column> columns = new ArrayList<>();
			for (JsonNode column : section.path("columns")) {
				columns.add(new Column(text(column, "name"), ColumnType.fromWire(text(column, "type"))));
			}
			List<Deferred> later = new ArrayList<>();
			restored.put(table.sqlName(), table(in, connection, table, columns, later));
			deferred.put(table, later);
		}
		for (Map.Entry<Table, List<Deferred>> entry : deferred.entrySet()) {
			update(connection, entry.getKey(), entry.getValue());
		}
		restartIdentities(connection, kind);
		return restored;
	}

	private static long table(BufferedReader in, Connection connection, Table table, List<Column> columns,
			List<Deferred> later) throws IOException, SQLException {
		int deferredAt = -1;
		int keyAt = -1;
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i).name().equals(table.deferred())) {
				deferredAt = i;
			}
			if (columns.get(i).name().equals(table.key())) {
				keyAt = i;
			}
		}
		String names = String.join(", ", columns.stream().map(Column::name).toList());
		String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
		Digest digest = new Digest();
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO " + table.sqlName() + " (" + names + ") VALUES (" + marks + ")")) {
			int pending = 0;
			while (true) {
				String line = in.readLine();
				JsonNode row = parse(line, "a row of " + table.sqlName());
				if (row.isObject()) {
					insert.executeBatch();
					check(table, row, digest);
					return digest.rows();
				}
				digest.add(line.getBytes(StandardCharsets.UTF_8));
				if (row.size() != columns.size()) {
					throw new BackupException("a row of " + table.sqlName() + " has " + row.size() + " values, not "
							+ columns.size());
				}
				for (int i = 0; i < columns.size(); i++) {
					ColumnType type = columns.get(i).type();
					if (i == deferredAt && !row.get(i).isNull()) {
						later.add(new Deferred(columns.get(keyAt).type().value(row.get(keyAt)), type.value(row.get(i))));
						type.bind(insert, i + 1, null);
					}
					else {
						type.bind(insert, i + 1, row.get(i));
					}
				}
				insert.addBatch();
				if (++pending == BATCH) {
					insert.executeBatch();
					pending = 0;
				}
			}
		}
	}

	private static void check(Table table, JsonNode end, Digest digest) {
		if (!table.sqlName().equals(text(end, "end")) || end.path("rows").asLong(-1) != digest.rows()
				|| !digest.hex().equals(text(end, "checksum"))) {
			throw new BackupException("the rows of " + table.sqlName() + " do not match the backup's count and checksum "
					+ "(the file is damaged)");
		}
	}

	private static void update(Connection connection, Table table, List<Deferred> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE " + table.sqlName() + " SET " + table.deferred() + " = ? WHERE " + table.key() + " = ?")) {
			int pending = 0;
			for (Deferred row : rows) {
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

	/** New audit entries and label events continue after the restored ones. */
	private static void restartIdentities(Connection connection, DatabaseKind kind) throws SQLException {
		for (Table table : List.of(Table.LABEL_EVENT, Table.AUDIT_ENTRY)) {
			long next;
			try (Statement statement = connection.createStatement();
					ResultSet max = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table.sqlName())) {
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

	private static JsonNode parse(String line, String what) {
		if (line == null) {
			throw new BackupException("the backup ends before " + what + " (the file is truncated)");
		}
		try {
			return JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new BackupException("the backup is damaged at " + what);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

}
