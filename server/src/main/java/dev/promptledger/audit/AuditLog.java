package dev.promptledger.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.db.Batch;

/**
 * Appends audit entries, for {@link Changes}, through the batch of the change it records
 * (a batch belongs to a transaction and refuses to exist outside one), so that the entry
 * and the change commit or roll back together.
 */
@Component
public class AuditLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** On PostgreSQL an entry records its transaction (V11), which the insert returns. */
	private final boolean transactions;

	AuditLog(DatabaseKind database) {
		this.transactions = database == DatabaseKind.POSTGRESQL;
	}

	/**
	 * Appends an entry when {@code batch} runs, and then tells {@code transaction} the
	 * transaction that wrote it, as PostgreSQL spells it (null on H2).
	 */
	void record(Batch batch, String actor, AuditAction action, UUID promptId, UUID versionId, Map<String, ?> details,
			Instant at, Consumer<String> transaction) {
		String sql = """
				INSERT INTO audit_entry (id, at, actor, action, prompt_id, version_id, details)
				VALUES (?, ?, ?, ?, ?, ?, ?)""";
		Object[] params = { UUID.randomUUID(), at.atOffset(ZoneOffset.UTC), actor, action.wireName(), promptId,
				versionId, JSON.writeValueAsString(details) };
		if (this.transactions) {
			batch.query((rs, n) -> rs.getString(1), rows -> transaction.accept(rows.get(0)),
					sql + " RETURNING CAST(tx AS text)", params);
		}
		else {
			batch.update(count -> transaction.accept(null), sql, params);
		}
	}

}
