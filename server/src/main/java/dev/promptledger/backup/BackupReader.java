package dev.promptledger.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.promptledger.config.DatabaseKind;

/**
 * Reads a backup, streaming: with no connection it only verifies the whole file
 * (structure, every value's type, each table's row count and checksum, the checksum of
 * the whole); with one it also loads the rows into a database whose schema is at the
 * backup's version, in batches, the deferred columns once every row is in, the identity
 * columns moved past the restored rows. Nothing from the file is ever put into SQL:
 * tables are this release's own, and columns are matched by name against the columns the
 * schema has, whose names are used.
 */
final class BackupReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BATCH = 500;

	private static final Pattern COLUMN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private BackupReader() {
	}

	/** The first line of a backup: which format and schema it is. */
	record Header(int formatVersion, String schemaVersion, String createdAt, String source, String line) {

		static Header read(BufferedReader in) throws IOException {
			String line = in.readLine();
			JsonNode header = parse(line, "the first line");
			if (!header.isObject() || !BackupWriter.FORMAT.equals(text(header, "format"))) {
				throw new BackupException("this file is not a promptledger backup");
			}
			int version = header.path("format_version").asInt();
			if (version < 1 || version > BackupWriter.FORMAT_VERSION) {
				throw new BackupException("the backup is in format version " + version
						+ "; this release reads versions 1 to " + BackupWriter.FORMAT_VERSION);
			}
			String schema = text(header, "schema_version");
			if (schema == null || !schema.matches("[0-9]+(\\.[0-9]+)*")) {
				throw new BackupException("the backup names no valid schema version (the file is damaged)");
			}
			return new Header(version, schema, text(header, "created_at"), text(header, "source"), line);
		}

	}

	/** A column of a restored table: its name as the schema spells it, and its type. */
	record Column(String name, ColumnType type) {
	}

	/** A deferred column's value for the row with this key. */
	record Deferred(Object key, Object value) {
	}

	/**
	 * Verifies every line that follows the header, touching no database; returns the rows
	 * per table.
	 */
	static Map<String, Long> verify(BufferedReader in, Header header) throws IOException, SQLException {
		return read(in, header, null, null, null);
	}

	/**
	 * Verifies and loads every table that follows the header; {@code schema} is the
	 * database's columns per table.
	 */
	static Map<String, Long> load(BufferedReader in, Header header, Connection connection, DatabaseKind kind,
			Map<Table, List<Column>> schema) throws IOException, SQLException {
		return read(in, header, connection, kind, schema);
	}

	private static Map<String, Long> read(BufferedReader in, Header header, Connection connection, DatabaseKind kind,
			Map<Table, List<Column>> schema) throws IOException, SQLException {
		Map<String, Long> restored = new LinkedHashMap<>();
		Map<Table, List<Deferred>> deferred = new LinkedHashMap<>();
		Digest.Whole whole = Digest.ofFile(header.line());
		Table[] expected = Table.inFormat(header.formatVersion());
		while (true) {
			JsonNode section = parse(in.readLine(), "a table's header");
			if (!section.isObject()) {
				throw new BackupException("the backup is damaged at a table's header");
			}
			if (section.path("end_of_backup").asBoolean(false)) {
				end(section, restored.size(), expected.length, header, whole);
				break;
			}
			if (restored.size() == expected.length
					|| !expected[restored.size()].sqlName().equals(text(section, "table"))) {
				throw new BackupException("the backup has the table '"
						+ printable(text(section, "table")) + "' where " + (restored.size() < expected.length
								? "'" + expected[restored.size()].sqlName() + "'" : "its end")
						+ " belongs (a file made by another program, or damaged)");
			}
			Table table = expected[restored.size()];
			List<Column> columns = columns(table, section, schema == null ? null : schema.get(table));
			List<Deferred> later = new ArrayList<>();
			Digest digest = header.formatVersion() >= 2 ? Digest.ofStructure(table.sqlName(), wire(columns))
					: new Digest();
			restored.put(table.sqlName(), table(in, connection, table, columns, later, digest));
			whole.addTable(table.sqlName(), digest);
			deferred.put(table, later);
		}
		if (connection != null) {
			RestoreFinish.run(connection, kind, deferred, java.util.Set.of(expected));
		}
		return restored;
	}

	/**
	 * The columns a table's header names, checked: plain names, each once, of known
	 * types, and (when the schema is given) exactly the columns the schema's table has,
	 * with the same types.
	 */
	private static List<Column> columns(Table table, JsonNode section, List<Column> schema) {
		List<Column> columns = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		if (!section.path("columns").isArray()) {
			throw new BackupException("the header of " + table.sqlName() + " lists no columns (the file is damaged)");
		}
		for (JsonNode column : section.path("columns")) {
			String name = text(column, "name");
			if (name == null || !COLUMN_NAME.matcher(name).matches() || !seen.add(name)) {
				throw new BackupException("the backup names a column of " + table.sqlName() + " '" + printable(name)
						+ "' that is not a plain column name, or names it twice");
			}
			columns.add(new Column(name, ColumnType.fromWire(text(column, "type"))));
		}
		if (schema == null) {
			return columns;
		}
		Map<String, Column> known = new LinkedHashMap<>();
		schema.forEach(column -> known.put(column.name(), column));
		List<Column> matched = new ArrayList<>();
		for (Column column : columns) {
			Column ours = known.remove(column.name());
			if (ours == null) {
				throw new BackupException("the backup has a column " + table.sqlName() + "." + column.name()
						+ " that the schema does not have");
			}
			if (ours.type() != column.type()) {
				throw new BackupException("the backup's column " + table.sqlName() + "." + column.name()
						+ " is of type " + column.type().wire() + ", the schema's of type " + ours.type().wire());
			}
			matched.add(ours);
		}
		if (!known.isEmpty()) {
			throw new BackupException("the backup lacks the columns " + known.keySet() + " of " + table.sqlName());
		}
		return matched;
	}

	private static List<String> wire(List<Column> columns) {
		return columns.stream().map(column -> column.name() + ":" + column.type().wire()).toList();
	}

	private static long table(BufferedReader in, Connection connection, Table table, List<Column> columns,
			List<Deferred> later, Digest digest) throws IOException, SQLException {
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
		if (table.deferred() != null && (deferredAt < 0 || keyAt < 0)) {
			throw new BackupException("the backup of " + table.sqlName() + " lacks its key or " + table.deferred());
		}
		PreparedStatement insert = connection == null ? null
				: connection.prepareStatement("INSERT INTO " + table.sqlName() + " ("
						+ String.join(", ", columns.stream().map(Column::name).toList()) + ") VALUES ("
						+ String.join(", ", Collections.nCopies(columns.size(), "?")) + ")");
		try {
			int pending = 0;
			while (true) {
				String line = in.readLine();
				JsonNode row = parse(line, "a row of " + table.sqlName());
				if (row.isObject()) {
					if (insert != null) {
						insert.executeBatch();
					}
					check(table, row, digest);
					return digest.rows();
				}
				digest.add(line.getBytes(StandardCharsets.UTF_8));
				if (!row.isArray() || row.size() != columns.size()) {
					throw new BackupException("a row of " + table.sqlName() + " does not have its " + columns.size()
							+ " values (the file is damaged)");
				}
				for (int i = 0; i < columns.size(); i++) {
					ColumnType type = columns.get(i).type();
					Object value = type.value(row.get(i));
					if (i == deferredAt && value != null) {
						later.add(new Deferred(columns.get(keyAt).type().value(row.get(keyAt)), value));
						value = null;
					}
					if (insert != null) {
						type.bind(insert, i + 1, value);
					}
				}
				if (insert != null) {
					insert.addBatch();
					if (++pending == BATCH) {
						insert.executeBatch();
						pending = 0;
					}
				}
			}
		}
		finally {
			if (insert != null) {
				insert.close();
			}
		}
	}

	private static void check(Table table, JsonNode end, Digest digest) {
		if (!table.sqlName().equals(text(end, "end")) || end.path("rows").asLong(-1) != digest.rows()
				|| !digest.hex().equals(text(end, "checksum"))) {
			throw new BackupException("the rows of " + table.sqlName()
					+ " do not match the backup's count and checksum " + "(the file is damaged)");
		}
	}

	private static void end(JsonNode section, int tables, int expected, Header header, Digest.Whole whole) {
		if (section.path("tables").asInt() != tables || tables != expected) {
			throw new BackupException("the backup ends after " + tables + " of " + expected + " tables");
		}
		if (header.formatVersion() >= 2 && !whole.hex().equals(text(section, "checksum"))) {
			throw new BackupException("the backup's tables do not match its closing checksum (the file is damaged)");
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
		return value == null || !value.isString() ? null : value.stringValue();
	}

	/**
	 * A name from the file, safe to show: at most 60 characters, no control characters.
	 */
	private static String printable(String name) {
		if (name == null) {
			return "(none)";
		}
		String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

}
