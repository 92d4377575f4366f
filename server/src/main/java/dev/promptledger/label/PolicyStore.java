package dev.promptledger.label;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.promptledger.identity.Role;

/** The label policies, one row per guarded label name. */
@Repository
class PolicyStore {

	private static final String POLICY = "SELECT label, approvals, approver_role, updated_at, updated_by "
			+ "FROM label_policy ";

	private final JdbcClient jdbc;

	PolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<LabelPolicy> all() {
		return this.jdbc.sql(POLICY + "ORDER BY label").query((rs, n) -> policy(rs)).list();
	}

	Optional<LabelPolicy> find(String label) {
		return this.jdbc.sql(POLICY + "WHERE label = :label")
			.param("label", label)
			.query((rs, n) -> policy(rs))
			.optional();
	}

	/**
	 * The policy of {@code label}, read under a row lock, so that it changes one at a
	 * time.
	 */
	Optional<LabelPolicy> lock(String label) {
		return this.jdbc.sql(POLICY + "WHERE label = :label FOR UPDATE")
			.param("label", label)
			.query((rs, n) -> policy(rs))
			.optional();
	}

	/** Inserts the policy; false when the label has one (set at the same moment). */
	boolean insert(LabelPolicy policy) {
		return this.jdbc.sql("""
				INSERT INTO label_policy (label, approvals, approver_role, updated_at, updated_by)
				VALUES (:label, :approvals, :role, :at, :by) ON CONFLICT DO NOTHING""")
			.param("label", policy.label())
			.param("approvals", policy.approvals())
			.param("role", policy.approverRole().wireName())
			.param("at", policy.updatedAt().atOffset(ZoneOffset.UTC))
			.param("by", policy.updatedBy())
			.update() > 0;
	}

	void update(LabelPolicy policy) {
		this.jdbc.sql("""
				UPDATE label_policy SET approvals = :approvals, approver_role = :role, updated_at = :at,
				  updated_by = :by WHERE label = :label""")
			.param("label", policy.label())
			.param("approvals", policy.approvals())
			.param("role", policy.approverRole().wireName())
			.param("at", policy.updatedAt().atOffset(ZoneOffset.UTC))
			.param("by", policy.updatedBy())
			.update();
	}

	boolean delete(String label) {
		return this.jdbc.sql("DELETE FROM label_policy WHERE label = :label").param("label", label).update() > 0;
	}

	private static LabelPolicy policy(ResultSet rs) throws SQLException {
		return new LabelPolicy(rs.getString("label"), rs.getInt("approvals"),
				Role.fromWire(rs.getString("approver_role")), instant(rs.getObject("updated_at", OffsetDateTime.class)),
				rs.getString("updated_by"));
	}

	private static Instant instant(OffsetDateTime time) {
		return time.toInstant();
	}

}
