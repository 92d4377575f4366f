package dev.promptledger.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Moves the full texts of existing versions into the content store, as compressed
 * snapshots, one batch at a time so a long history never sits in memory. Identical
 * contents are stored once. What each version says does not change; deltas come with the
 * writes that follow.
 */
@Component
class V3_1__Move_content_to_store extends BaseJavaMigration {

	private static final int BATCH = 200;

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT id, content FROM prompt_version WHERE content_hash IS NULL ORDER BY id LIMIT " + BATCH);
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM content_blob WHERE hash = ?");
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO content_blob (hash, base, chain, length, data) VALUES (?, NULL, 0, ?, ?)");
				PreparedStatement update = connection
					.prepareStatement("UPDATE prompt_version SET content_hash = ?, content = NULL WHERE id = ?")) {
			while (true) {
				Map<UUID, String> batch = new LinkedHashMap<>();
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						batch.put(rows.getObject("id", UUID.class), rows.getString("content"));
					}
				}
				if (batch.isEmpty()) {
					return;
				}
				for (Map.Entry<UUID, String> version : batch.entrySet()) {
					byte[] bytes = version.getValue().getBytes(StandardCharsets.UTF_8);
					byte[] hash = Frozen.sha256(bytes);
					exists.setBytes(1, hash);
					boolean stored;
					try (ResultSet found = exists.executeQuery()) {
						stored = found.next();
					}
					if (!stored) {
						insert.setBytes(1, hash);
						insert.setInt(2, bytes.length);
						insert.setBytes(3, Frozen.snapshot(bytes));
						insert.executeUpdate();
					}
					update.setBytes(1, hash);
					update.setObject(2, version.getKey());
					update.executeUpdate();
				}
			}
		}
	}

}
