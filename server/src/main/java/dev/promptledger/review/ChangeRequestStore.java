package dev.promptledger.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Change requests and their approvals. */
@Repository
class ChangeRequestStore {

	private static final String REQUEST = """
			SELECT c.id, c.seq, c.prompt_id, p.live_name, c.label, c.from_version_id, f.number AS from_number,
			  c.to_version_id, t.number AS to_number, c.status, c.required_approvals, c.created_at, c.created_by,
			  c.message, c.closed_at, c.closed_by, c.close_comment
			FROM change_request c
			JOIN prompt p ON p.id = c.prompt_id
			LEFT JOIN prompt_version f ON f.id = c.from_version_id
			LEFT JOIN prompt_version t ON t.id = c.to_version_id
			""";

	private final JdbcClient jdbc;

	ChangeRequestStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID promptId, String label, UUID from, UUID to, int requiredApprovals, Instant at, String by,
			String message) {
		this.jdbc.sql("""
				INSERT INTO change_request (id, prompt_id, label, from_version_id, to_version_id, status,
				  required_approvals, created_at, created_by, message)
				VALUES (:id, :prompt, :label, :from, :to, 'open', :required, :at, :by, :message)""")
			.param("id", id)
			.param("prompt", promptId)
			.param("label", label)
			.param("from", from)
			.param("to", to)
			.param("required", requiredApprovals)
			.param("at", utc(at))
			.param("by", by)
			.param("message", message)
			.update();
	}

	/** The request with its approvals. */
	Optional<ChangeRequest> find(UUID id) {
		return this.jdbc.sql(REQUEST + "WHERE c.id = :id")
			.param("id", id)
			.query((rs, n) -> request(rs))
			.optional()
			.map(request -> request.withApprovals(approvals(List.of(id)).getOrDefault(id, List.of())));
	}

	/**
	 * Locks the request's row for the rest of the transaction: its steps happen one at a
	 * time, on every node.
	 */
	boolean lock(UUID id) {
		return !this.jdbc.sql("SELECT id FROM change_request WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(UUID.class)
			.list()
			.isEmpty();
	}

	void approve(UUID id, String approver, Instant at, String comment) {
		this.jdbc.sql("""
				INSERT INTO change_request_approval (change_request_id, approver, at, comment)
				VALUES (:id, :approver, :at, :comment)""")
			.param("id", id)
			.param("approver", approver)
			.param("at", utc(at))
			.param("comment", comment)
			.update();
	}

	void requireApprovals(UUID id, int required) {
		this.jdbc.sql("UPDATE change_request SET required_approvals = :required WHERE id = :id")
			.param("id", id)
			.param("required", required)
			.update();
	}

	void close(UUID id, ChangeRequest.Status status, int required, String by, Instant at, String comment) {
		this.jdbc.sql("""
				UPDATE change_request SET status = :status, required_approvals = :required, closed_at = :at,
				  closed_by = :by, close_comment = :comment
				WHERE id = :id""")
			.param("id", id)
			.param("status", status.wireName())
			.param("required", required)
			.param("at", utc(at))
			.param("by", by)
			.param("comment", comment)
			.update();
	}

	/**
	 * Requests of live prompts, newest first, below {@code beforeSeq} when given, of one
	 * prompt and one status when those are given; with their approvals.
	 */
	List<ChangeRequest> page(UUID promptId, ChangeRequest.Status status, Long beforeSeq, int limit) {
		StringBuilder sql = new StringBuilder(REQUEST).append("WHERE p.deleted_at IS NULL AND c.seq < :before");
		if (promptId != null) {
			sql.append(" AND c.prompt_id = :prompt");
		}
		if (status != null) {
			sql.append(" AND c.status = :status");
		}
		sql.append(" ORDER BY c.seq DESC LIMIT :limit");
		var statement = this.jdbc.sql(sql.toString())
			.param("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
			.param("limit", limit);
		if (promptId != null) {
			statement = statement.param("prompt", promptId);
		}
		if (status != null) {
			statement = statement.param("status", status.wireName());
		}
		List<ChangeRequest> rows = statement.query((rs, n) -> request(rs)).list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<UUID, List<ChangeRequest.Approval>> approvals = approvals(rows.stream().map(ChangeRequest::id).toList());
		return rows.stream().map(r -> r.withApprovals(approvals.getOrDefault(r.id(), List.of()))).toList();
	}

	private Map<UUID, List<ChangeRequest.Approval>> approvals(List<UUID> ids) {
		Map<UUID, List<ChangeRequest.Approval>> byRequest = new HashMap<>();
		this.jdbc.sql("""
				SELECT change_request_id, approver, at, comment FROM change_request_approval
				WHERE change_request_id IN (:ids) ORDER BY at, approver""").param("ids", ids).query(rs -> {
			byRequest.computeIfAbsent(rs.getObject("change_request_id", UUID.class), k -> new ArrayList<>())
				.add(new ChangeRequest.Approval(rs.getString("approver"), instant(rs, "at"), rs.getString("comment")));
		});
		return byRequest;
	}

	private static ChangeRequest request(ResultSet rs) throws SQLException {
		return new ChangeRequest(rs.getObject("id", UUID.class), rs.getLong("seq"),
				rs.getObject("prompt_id", UUID.class), rs.getString("live_name"), rs.getString("label"),
				rs.getObject("from_version_id", UUID.class), (Integer) rs.getObject("from_number"),
				rs.getObject("to_version_id", UUID.class), (Integer) rs.getObject("to_number"),
				ChangeRequest.Status.fromWire(rs.getString("status")), rs.getInt("required_approvals"),
				instant(rs, "created_at"), rs.getString("created_by"), rs.getString("message"),
				rs.getObject("closed_at") == null ? null : instant(rs, "closed_at"), rs.getString("closed_by"),
				rs.getString("close_comment"), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
