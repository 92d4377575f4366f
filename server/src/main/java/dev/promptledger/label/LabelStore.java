package dev.promptledger.label;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Labels and the history of their moves. */
@Repository
class LabelStore {

	private static final String LABEL = "SELECT l.name, l.version_id, v.number, l.updated_at, l.updated_by "
			+ "FROM prompt_label l JOIN prompt_version v ON v.id = l.version_id ";

	private final JdbcClient jdbc;

	LabelStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Label> labels(UUID promptId) {
		return this.jdbc.sql(LABEL + "WHERE l.prompt_id = :id ORDER BY l.name")
			.param("id", promptId)
			.query((rs, n) -> label(rs))
			.list();
	}

	Optional<Label> find(UUID promptId, String name) {
		return this.jdbc.sql(LABEL + "WHERE l.prompt_id = :id AND l.name = :name")
			.param("id", promptId)
			.param("name", name)
			.query((rs, n) -> label(rs))
			.optional();
	}

	void set(UUID promptId, String name, UUID versionId, String actor, Instant now, boolean exists) {
		String sql = exists
				? "UPDATE prompt_label SET version_id = :version, updated_at = :now, updated_by = :actor "
						+ "WHERE prompt_id = :id AND name = :name"
				: "INSERT INTO prompt_label (prompt_id, name, version_id, updated_at, updated_by) "
						+ "VALUES (:id, :name, :version, :now, :actor)";
		this.jdbc.sql(sql)
			.param("id", promptId)
			.param("name", name)
			.param("version", versionId)
			.param("now", utc(now))
			.param("actor", actor)
			.update();
	}

	void delete(UUID promptId, String name) {
		this.jdbc.sql("DELETE FROM prompt_label WHERE prompt_id = :id AND name = :name")
			.param("id", promptId)
			.param("name", name)
			.update();
	}

	void recordEvent(UUID promptId, String name, UUID from, UUID to, String actor, Instant now, String message,
			UUID changeRequestId) {
		this.jdbc.sql("""
				INSERT INTO label_event (id, prompt_id, label, at, actor, from_version_id, to_version_id, message,
				  change_request_id)
				VALUES (:eventId, :id, :name, :now, :actor, :from, :to, :message, :changeRequest)""")
			.param("message", message)
			.param("changeRequest", changeRequestId)
			.param("eventId", UUID.randomUUID())
			.param("id", promptId)
			.param("name", name)
			.param("now", utc(now))
			.param("actor", actor)
			.param("from", from)
			.param("to", to)
			.update();
	}

	/**
	 * What the label pointed to at {@code time}, from its history: the last move at or
	 * before that moment; empty when it was not set then (never yet, or deleted).
	 */
	Optional<LabelAt> at(UUID promptId, String name, Instant time) {
		return this.jdbc.sql("""
				SELECT e.to_version_id, t.number, e.at
				FROM label_event e LEFT JOIN prompt_version t ON t.id = e.to_version_id
				WHERE e.prompt_id = :id AND e.label = :name AND e.at <= :time
				ORDER BY e.at DESC, e.seq DESC LIMIT 1""")
			.param("id", promptId)
			.param("name", name)
			.param("time", utc(time))
			.query((rs, n) -> rs.getObject("to_version_id", UUID.class) == null ? null
					: new LabelAt(name, rs.getObject("to_version_id", UUID.class), rs.getInt("number"),
							instant(rs, "at")))
			.optional();
	}

	/** A label's moves, newest first, below {@code beforeSeq} when given. */
	List<LabelEvent> history(UUID promptId, String name, Long beforeSeq, int limit) {
		return this.jdbc.sql("""
				SELECT e.seq, e.at, e.actor, e.from_version_id, e.to_version_id, f.number AS from_number,
				  t.number AS to_number, e.message, e.change_request_id
				FROM label_event e
				LEFT JOIN prompt_version f ON f.id = e.from_version_id
				LEFT JOIN prompt_version t ON t.id = e.to_version_id
				WHERE e.prompt_id = :id AND e.label = :name AND e.seq < :before
				ORDER BY e.seq DESC LIMIT :limit""")
			.param("id", promptId)
			.param("name", name)
			.param("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
			.param("limit", limit)
			.query((rs, n) -> new LabelEvent(rs.getLong("seq"), instant(rs, "at"), rs.getString("actor"),
					rs.getObject("from_version_id", UUID.class), rs.getObject("to_version_id", UUID.class),
					(Integer) rs.getObject("from_number"), (Integer) rs.getObject("to_number"), rs.getString("message"),
					rs.getObject("change_request_id", UUID.class)))
			.list();
	}

	private static Label label(ResultSet rs) throws SQLException {
		return new Label(rs.getString("name"), rs.getObject("version_id", UUID.class), rs.getInt("number"),
				instant(rs, "updated_at"), rs.getString("updated_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
