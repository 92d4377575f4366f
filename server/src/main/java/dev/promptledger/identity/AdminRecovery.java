package dev.promptledger.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Changes;

/**
 * The operator's way back in ({@code java -jar promptledger.jar reset-admin}): makes
 * {@code admin} an active admin again (creating it when it is gone) and issues it a new
 * API token, audited like the same changes through the API, with
 * {@code "by": "reset-admin"}.
 */
@Service
public class AdminRecovery {

	/** The token issued, shown this once, and its id. */
	public record Reset(String token, UUID tokenId, boolean created, boolean reenabled) {
	}

	private final IdentityStore store;

	private final Changes changes;

	private final Clock clock;

	AdminRecovery(IdentityStore store, Changes changes, Clock clock) {
		this.store = store;
		this.changes = changes;
		this.clock = clock;
	}

	@Transactional
	public Reset reset() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.store.lockAdmins();
		String admin = AdminBootstrap.ADMIN;
		User current = this.store.findUser(admin).orElse(null);
		if (current == null) {
			this.store.insertUser(admin, Role.ADMIN, null, now);
			this.changes.record(admin, AuditAction.USER_CREATE, null, null,
					Map.of("username", admin, "role", Role.ADMIN.wireName(), "by", "reset-admin"), now);
		}
		else if (current.role() != Role.ADMIN || current.disabled()) {
			this.store.updateUser(admin, Role.ADMIN, false, now);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("username", admin);
			details.put("role", Map.of("from", current.role().wireName(), "to", Role.ADMIN.wireName()));
			details.put("disabled", Map.of("from", current.disabled(), "to", false));
			details.put("by", "reset-admin");
			this.changes.record(admin, AuditAction.USER_UPDATE, null, null, details, now);
		}
		String token = Tokens.generate();
		UUID id = this.store.insertToken(admin, "reset-admin", token, now);
		this.changes.record(admin, AuditAction.TOKEN_CREATE, null, null,
				Map.of("token_id", id.toString(), "username", admin, "name", "reset-admin", "by", "reset-admin"), now);
		return new Reset(token, id, current == null,
				current != null && (current.role() != Role.ADMIN || current.disabled()));
	}

}
