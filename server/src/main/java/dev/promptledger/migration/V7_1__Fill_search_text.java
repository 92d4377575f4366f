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
 * Fills {@code prompt.search_text} for the prompts that exist when V7 runs: every one is
 * a text prompt then, its current content a stored snapshot. A content that is not (which
 * the content store never leaves) is searched by its name and description only.
 */
@Component
class V7_1__Fill_search_text extends BaseJavaMigration {

	private static final int BATCH = 500;

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection.prepareStatement("""
				SELECT p.id, v.name, v.description, b.base, b.length, b.data
				FROM prompt p JOIN prompt_version v ON v.id = p.head_version_id
				JOIN content_blob b ON b.hash = v.content_hash
				WHERE p.deleted_at IS NULL AND p.search_text IS NULL
				ORDER BY p.id LIMIT %d""".formatted(BATCH));
				PreparedStatement update = connection
					.prepareStatement("UPDATE prompt SET search_text = ? WHERE id = ?")) {
			// every row done leaves the selection (its search text is set): no cursor
			while (true) {
				Map<UUID, String> batch = new LinkedHashMap<>();
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						String content = rows.getBytes("base") != null ? "" : new String(
								Frozen.inflate(rows.getBytes("data"), rows.getInt("length")), StandardCharsets.UTF_8);
						batch.put(rows.getObject("id", UUID.class),
								Frozen.searchText(rows.getString("name"), rows.getString("description"), content));
					}
				}
				if (batch.isEmpty()) {
					return;
				}
				for (Map.Entry<UUID, String> prompt : batch.entrySet()) {
					update.setString(1, prompt.getValue());
					update.setObject(2, prompt.getKey());
					update.executeUpdate();
				}
			}
		}
	}

}
