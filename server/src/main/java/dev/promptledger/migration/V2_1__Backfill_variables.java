package dev.promptledger.migration;

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
 * Fills {@code prompt_version.variables} for versions written before the column existed,
 * in batches by id so a large history never sits in memory at once. It records what each
 * version already says.
 */
@Component
class V2_1__Backfill_variables extends BaseJavaMigration {

	private static final int BATCH = 500;

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT id, content FROM prompt_version WHERE variables IS NULL ORDER BY id LIMIT " + BATCH);
				PreparedStatement update = connection
					.prepareStatement("UPDATE prompt_version SET variables = ? WHERE id = ?")) {
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
					update.setString(1, Frozen.variables(version.getValue()));
					update.setObject(2, version.getKey());
					update.addBatch();
				}
				update.executeBatch();
			}
		}
	}

}
