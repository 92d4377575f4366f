package dev.promptledger.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a backup: JSON lines, gzipped. A header (format, its version, the schema
 * version), then for each table a line naming its columns and their types, one line a row
 * (a JSON array), and a closing line with the row count and checksum; a last line says
 * the backup is complete. Rows stream from one repeatable-read transaction, so the backup
 * is consistent while nodes keep writing, and memory stays flat however large the tables.
 */
final class BackupWriter {

	static final String FORMAT = "promptledger-backup";

	/**
	 * 2: checksums cover each table's structure, and the whole file has one. 3: the
	 * prompts' tags (prompt_tag), and versions' bodies in their stored form
	 * (body_format). 4: label policies, change requests, webhooks. 5: the content store's
	 * dictionaries (content_dictionary), which blobs name. Files of every earlier version
	 * still restore.
	 */
	static final int FORMAT_VERSION = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BackupWriter() {
	}

	/** What was written: rows and checksum of each table, in order. */
	record Written(String schemaVersion, Map<String, Digest> tables) {
	}

	static Written write(Connection connection, OutputStream out, String schemaVersion, String source)
			throws SQLException, IOException {
		Map<String, Digest> tables = new LinkedHashMap<>();
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("format", FORMAT);
		header.put("format_version", FORMAT_VERSION);
		header.put("schema_version", schemaVersion);
		header.put("created_at", Instant.now().toString());
		header.put("source", source);
		byte[] headerLine = JSON.writeValueAsBytes(header);
		Digest.Whole whole = Digest.ofFile(new String(headerLine, java.nio.charset.StandardCharsets.UTF_8));
		out.write(headerLine);
		out.write('\n');
		for (Table table : Table.values()) {
			Digest digest = table(connection, table, out);
			tables.put(table.sqlName(), digest);
			whole.addTable(table.sqlName(), digest);
		}
		Map<String, Object> complete = new LinkedHashMap<>();
		complete.put("end_of_backup", true);
		complete.put("tables", tables.size());
		complete.put("checksum", whole.hex());
		line(out, complete);
		return new Written(schemaVersion, tables);
	}

	private static Digest table(Connection connection, Table table, OutputStream out) throws SQLException, IOException {
		Digest digest;
		try (Statement statement = connection.createStatement()) {
			statement.setFetchSize(500);
			try (ResultSet rows = statement
				.executeQuery("SELECT * FROM " + table.sqlName() + " ORDER BY " + table.order())) {
				ResultSetMetaData meta = rows.getMetaData();
				List<ColumnType> types = new ArrayList<>();
				List<Integer> positions = new ArrayList<>();
				List<Map<String, String>> columns = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
					if (!table.holds(name)) {
						continue;
					}
					positions.add(i);
					ColumnType type = ColumnType.of(meta.getColumnType(i), meta.getColumnTypeName(i),
							table.sqlName() + "." + name);
					types.add(type);
					Map<String, String> column = new LinkedHashMap<>();
					column.put("name", name);
					column.put("type", type.wire());
					columns.add(column);
				}
				digest = Digest.ofStructure(table.sqlName(),
						columns.stream().map(column -> column.get("name") + ":" + column.get("type")).toList());
				Map<String, Object> section = new LinkedHashMap<>();
				section.put("table", table.sqlName());
				section.put("columns", columns);
				line(out, section);
				ByteArrayOutputStream row = new ByteArrayOutputStream(256);
				while (rows.next()) {
					row.reset();
					try (JsonGenerator generator = JSON.createGenerator(row)) {
						generator.writeStartArray();
						for (int i = 0; i < types.size(); i++) {
							types.get(i).write(generator, rows, positions.get(i));
						}
						generator.writeEndArray();
					}
					byte[] bytes = row.toByteArray();
					digest.add(bytes);
					out.write(bytes);
					out.write('\n');
				}
			}
		}
		Map<String, Object> end = new LinkedHashMap<>();
		end.put("end", table.sqlName());
		end.put("rows", digest.rows());
		end.put("checksum", digest.hex());
		line(out, end);
		return digest;
	}

	private static void line(OutputStream out, Object value) throws IOException {
		out.write(JSON.writeValueAsBytes(value));
		out.write('\n');
	}

}
