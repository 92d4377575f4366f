package dev.promptledger.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the audit log; writing is {@link AuditLog}'s alone, and nothing updates or
 * deletes.
 */
@Repository
class AuditStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AuditStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Entries newest first, below {@code beforeSeq} when given, matching every filter
	 * that is not null.
	 */
	List<AuditEntry> page(UUID promptId, String actor, String action, Long beforeSeq, int limit) {
		StringBuilder sql = new StringBuilder(
				"SELECT id, seq, at, actor, action, prompt_id, version_id, details FROM audit_entry WHERE seq < :before");
		if (promptId != null) {
			sql.append(" AND prompt_id = :promptId");
		}
		if (actor != null) {
			sql.append(" AND actor = :actor");
		}
		if (action != null) {
			sql.append(" AND action = :action");
		}
		sql.append(" ORDER BY seq DESC LIMIT :limit");
		var statement = this.jdbc.sql(sql.toString())
			.param("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
			.param("limit", limit);
		if (promptId != null) {
			statement = statement.param("promptId", promptId);
		}
		if (actor != null) {
			statement = statement.param("actor", actor);
		}
		if (action != null) {
			statement = statement.param("action", action);
		}
		return statement
			.query((rs, n) -> new AuditEntry(rs.getObject("id", UUID.class), rs.getLong("seq"),
					rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("action"),
					rs.getObject("prompt_id", UUID.class), rs.getObject("version_id", UUID.class),
					JSON.readTree(rs.getString("details"))))
			.list();
	}

}
