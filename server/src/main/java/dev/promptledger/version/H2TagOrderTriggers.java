package dev.promptledger.version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.tools.TriggerAdapter;

/**
 * On H2, what the PostgreSQL triggers of migration V10 do: each tag row carries its
 * prompt's sort keys (live name, created, last changed), so that a tag filter reads a
 * page from the tag's index in the list's order.
 */
public final class H2TagOrderTriggers {

	private static final String[] KEYS = { "live_name", "created_at", "updated_at" };

	private H2TagOrderTriggers() {
	}

	/** A new tag row takes its prompt's keys. */
	public static final class TagTakesOrder extends TriggerAdapter {

		@Override
		public void fire(Connection connection, ResultSet oldRow, ResultSet newRow) throws SQLException {
			try (PreparedStatement select = connection
				.prepareStatement("SELECT live_name, created_at, updated_at FROM prompt WHERE id = ?")) {
				select.setObject(1, newRow.getObject("prompt_id"));
				try (ResultSet prompt = select.executeQuery()) {
					if (prompt.next()) {
						for (String key : KEYS) {
							newRow.updateObject(key, prompt.getObject(key));
						}
					}
				}
			}
		}

	}

	/** A prompt renamed, deleted, restored or changed: its tag rows follow. */
	public static final class PromptGivesOrder extends TriggerAdapter {

		@Override
		public void fire(Connection connection, ResultSet oldRow, ResultSet newRow) throws SQLException {
			boolean changed = false;
			for (String key : KEYS) {
				changed |= !Objects.equals(oldRow.getObject(key), newRow.getObject(key));
			}
			if (!changed) {
				return;
			}
			try (PreparedStatement update = connection.prepareStatement(
					"UPDATE prompt_tag SET live_name = ?, created_at = ?, updated_at = ? WHERE prompt_id = ?")) {
				for (int i = 0; i < KEYS.length; i++) {
					update.setObject(i + 1, newRow.getObject(KEYS[i]));
				}
				update.setObject(KEYS.length + 1, newRow.getObject("id"));
				update.executeUpdate();
			}
		}

	}

}
