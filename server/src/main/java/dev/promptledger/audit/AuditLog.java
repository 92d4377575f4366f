package dev.promptledger.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.config.DatabaseKind;

/**
 * Appends audit entries, for {@link Changes}. It must be called inside the transaction of
 * the change it records, so that the entry and the change commit or roll back together;
 * it refuses to run outside one.
 */
@Component
public class AuditLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	/** On PostgreSQL an entry records its transaction (V11), which the insert returns. */
	private final boolean transactions;

	AuditLog(JdbcClient jdbc, DatabaseKind database) {
		this.jdbc = jdbc;
		this.transactions = database == DatabaseKind.POSTGRESQL;
	}

	/**
	 * Appends an entry; returns the transaction that wrote it, as PostgreSQL spells it
	 * (null on H2).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	String record(String actor, AuditAction action, UUID promptId, UUID versionId, Map<String, ?> details, Instant at) {
		var insert = this.jdbc
			.sql("""
					INSERT INTO audit_entry (id, at, actor, action, prompt_id, version_id, details)
					VALUES (:id, :at, :actor, :action, :promptId, :versionId, :details)"""
					+ (this.transactions ? " RETURNING CAST(tx AS text)" : ""))
			.param("id", UUID.randomUUID())
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("actor", actor)
			.param("action", action.wireName())
			.param("promptId", promptId)
			.param("versionId", versionId)
			.param("details", JSON.writeValueAsString(details));
		if (!this.transactions) {
			insert.update();
			return null;
		}
		return insert.query(String.class).single();
	}

}
