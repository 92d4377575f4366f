package dev.promptledger.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Adopts a team's plain {@code prompts} table (docs/operations.md): when promptledger
 * starts on a database that has one and no prompts of its own yet, every row becomes a
 * prompt with a baseline version 1 ({@code create}, author {@code migration}, the row's
 * own timestamps) and an audit entry, in batches, in the migration's transaction. The
 * table itself is left as it was. A name that breaks the naming rules is made into one
 * that keeps them (the original is in the version's message and the audit entry); a UUID
 * id is kept, any other id becomes a UUID derived from it.
 */
@Component
class V5_1__Adopt_legacy_prompts extends BaseJavaMigration {

	private static final Logger log = LoggerFactory.getLogger(V5_1__Adopt_legacy_prompts.class);

	private static final String AUTHOR = Frozen.AUTHOR;

	private static final int BATCH = 500;

	private static final int MAX_NAME = Frozen.MAX_NAME;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One row of the legacy table, as read. */
	private record Row(Object id, String name, String content, String description, Instant createdAt,
			Instant updatedAt) {
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		LegacyTable legacy = LegacyTable.find(connection);
		if (legacy == null) {
			return;
		}
		try (Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM prompt")) {
			count.next();
			if (count.getLong(1) > 0) {
				log.warn("Found a legacy table 'prompts' but promptledger has prompts already; not adopting it");
				return;
			}
		}
		createAuthor(connection);
		Set<String> names = new HashSet<>();
		Object after = null;
		long adopted = 0;
		while (true) {
			List<Row> rows = legacy.page(connection, after, BATCH);
			if (rows.isEmpty()) {
				break;
			}
			adopt(connection, rows, names);
			adopted += rows.size();
			after = rows.get(rows.size() - 1).id();
		}
		log.info("Adopted {} prompts from the legacy table 'prompts', each with a baseline version", adopted);
	}

	private static void createAuthor(Connection connection) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO app_user (username, role, password_hash, disabled, created_at, updated_at)
				SELECT ?, 'viewer', NULL, TRUE, ?, ? WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE username = ?)""")) {
			OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
			insert.setString(1, AUTHOR);
			insert.setObject(2, now);
			insert.setObject(3, now);
			insert.setString(4, AUTHOR);
			insert.executeUpdate();
		}
	}

	private static void adopt(Connection connection, List<Row> rows, Set<String> names) throws SQLException {
		try (PreparedStatement blob = connection.prepareStatement(
				"INSERT INTO content_blob (hash, base, chain, length, data) VALUES (?, NULL, 0, ?, ?) ON CONFLICT DO NOTHING");
				PreparedStatement prompt = connection.prepareStatement(
						"""
								INSERT INTO prompt (id, live_name, head_version_id, head_number, created_at, created_by, updated_at)
								VALUES (?, ?, NULL, 0, ?, ?, ?)""");
				PreparedStatement version = connection.prepareStatement(
						"""
								INSERT INTO prompt_version (id, prompt_id, number, name, description, content_sha256, created_at,
								  author, change_type, message, parent_version_id, reverted_from_version_id, lines_added,
								  lines_removed, chars_added, chars_removed, fields_changed, variables, content_hash)
								VALUES (?, ?, 1, ?, ?, ?, ?, ?, 'create', ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?)""");
				PreparedStatement head = connection
					.prepareStatement("UPDATE prompt SET head_version_id = ?, head_number = 1 WHERE id = ?");
				PreparedStatement audit = connection.prepareStatement("""
						INSERT INTO audit_entry (id, at, actor, action, prompt_id, version_id, details)
						VALUES (?, ?, ?, 'prompt.create', ?, ?, ?)""")) {
			OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
			for (Row row : rows) {
				UUID promptId = promptId(row.id());
				UUID versionId = UUID.randomUUID();
				String name = uniqueName(row, names);
				String legacyId = String.valueOf(row.id());
				byte[] bytes = row.content().getBytes(StandardCharsets.UTF_8);
				byte[] hash = Frozen.sha256(bytes);
				Frozen.Created summary = Frozen.Created.of(row.content(), row.description());

				blob.setBytes(1, hash);
				blob.setInt(2, bytes.length);
				blob.setBytes(3, Frozen.snapshot(bytes));
				blob.addBatch();

				prompt.setObject(1, promptId);
				prompt.setString(2, name);
				prompt.setObject(3, utc(row.createdAt()));
				prompt.setString(4, AUTHOR);
				prompt.setObject(5, utc(row.updatedAt()));
				prompt.addBatch();

				version.setObject(1, versionId);
				version.setObject(2, promptId);
				version.setString(3, name);
				version.setString(4, row.description());
				version.setString(5, HexFormat.of().formatHex(hash));
				version.setObject(6, utc(row.updatedAt()));
				version.setString(7, AUTHOR);
				version.setString(8,
						"Baseline of prompt " + legacyId + " ('" + row.name() + "') from the table 'prompts'");
				version.setInt(9, summary.linesAdded());
				version.setInt(10, 0);
				version.setInt(11, summary.charsAdded());
				version.setInt(12, 0);
				version.setString(13, summary.fieldsChanged());
				version.setString(14, Frozen.variables(row.content()));
				version.setBytes(15, hash);
				version.addBatch();

				head.setObject(1, versionId);
				head.setObject(2, promptId);
				head.addBatch();

				audit.setObject(1, UUID.randomUUID());
				audit.setObject(2, now);
				audit.setString(3, AUTHOR);
				audit.setObject(4, promptId);
				audit.setObject(5, versionId);
				audit.setString(6, JSON.writeValueAsString(java.util.Map.of("number", 1, "name", name, "baseline", true,
						"legacy_id", legacyId, "legacy_name", row.name())));
				audit.addBatch();
			}
			blob.executeBatch();
			prompt.executeBatch();
			version.executeBatch();
			head.executeBatch();
			audit.executeBatch();
		}
	}

	/**
	 * The row's name if it is a valid one not taken yet; otherwise a valid one made from
	 * it, numbered if taken.
	 */
	private static String uniqueName(Row row, Set<String> names) {
		String name = row.name();
		if (!Frozen.validName(name)) {
			name = Frozen.slug(name, MAX_NAME - 12);
			if (name == null) {
				name = "prompt-" + promptId(row.id()).toString().substring(0, 8);
			}
		}
		String candidate = name;
		for (int n = 2; !names.add(candidate); n++) {
			candidate = name + "-" + n;
		}
		return candidate;
	}

	static UUID promptId(Object legacyId) {
		if (legacyId instanceof UUID uuid) {
			return uuid;
		}
		String text = String.valueOf(legacyId);
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return UUID.nameUUIDFromBytes(("promptledger:legacy-prompt:" + text).getBytes(StandardCharsets.UTF_8));
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(java.time.ZoneOffset.UTC);
	}

	/** The legacy table: where it is and which of the optional columns it has. */
	private record LegacyTable(String table, boolean description, boolean createdAt, boolean updatedAt) {

		static LegacyTable find(Connection connection) throws SQLException {
			Set<String> columns = new HashSet<>();
			String table = null;
			for (String candidate : new String[] { "prompts", "PROMPTS" }) {
				try (ResultSet rs = connection.getMetaData()
					.getColumns(null, connection.getSchema(), candidate, null)) {
					while (rs.next()) {
						table = candidate;
						columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
					}
				}
				if (table != null) {
					break;
				}
			}
			if (table == null) {
				return null;
			}
			if (!columns.containsAll(List.of("id", "name", "content"))) {
				throw new IllegalStateException("The table 'prompts' has the columns " + columns
						+ "; promptledger adopts a "
						+ "table 'prompts' with at least id, name and content (docs/operations.md). Rename the table, or "
						+ "give it those columns, and start again.");
			}
			return new LegacyTable(table, columns.contains("description"), columns.contains("created_at"),
					columns.contains("updated_at"));
		}

		/**
		 * Up to {@code limit} rows with an id after {@code after} (null: from the start),
		 * in id order.
		 */
		List<Row> page(Connection connection, Object after, int limit) throws SQLException {
			String sql = "SELECT id, name, content" + (this.description ? ", description" : "")
					+ (this.createdAt ? ", created_at" : "") + (this.updatedAt ? ", updated_at" : "") + " FROM "
					+ this.table + (after == null ? "" : " WHERE id > ?") + " ORDER BY id LIMIT " + limit;
			List<Row> rows = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement(sql)) {
				if (after != null) {
					select.setObject(1, after);
				}
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						Instant created = this.createdAt ? instant(rs, "created_at") : null;
						Instant updated = this.updatedAt ? instant(rs, "updated_at") : null;
						Instant now = Instant.now();
						created = created != null ? created : (updated != null ? updated : now);
						updated = updated != null ? updated : created;
						String content = rs.getString("content");
						String name = rs.getString("name");
						rows.add(new Row(rs.getObject("id"), name == null ? "" : name, content == null ? "" : content,
								this.description ? rs.getString("description") : null, created, updated));
					}
				}
			}
			return rows;
		}

		/** A timestamp with or without a zone (one without is taken as UTC). */
		private static Instant instant(ResultSet rs, String column) throws SQLException {
			java.sql.ResultSetMetaData meta = rs.getMetaData();
			int index = rs.findColumn(column);
			String typeName = meta.getColumnTypeName(index).toLowerCase(java.util.Locale.ROOT);
			if (meta.getColumnType(index) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz")
					|| typeName.contains("with time zone")) {
				OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
				return value == null ? null : value.toInstant();
			}
			java.time.LocalDateTime value = rs.getObject(column, java.time.LocalDateTime.class);
			return value == null ? null : value.toInstant(java.time.ZoneOffset.UTC);
		}

	}

}
