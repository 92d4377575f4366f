package dev.promptledger.audit;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;

/** The read side of the audit log, for the API and the web UI. */
@Service
public class AuditQueries {

	private final AuditStore store;

	private final Cursors cursors;

	AuditQueries(AuditStore store, Cursors cursors) {
		this.store = store;
		this.cursors = cursors;
	}

	/**
	 * A page of the log, newest first, kept to the filters given (blank: any): 400 for a
	 * filter that cannot match.
	 */
	public Page<AuditEntry> page(String promptId, String actor, String action, String limit, String cursor) {
		UUID prompt = null;
		if (promptId != null && !promptId.isEmpty()) {
			prompt = dev.promptledger.http.Ids.parse(promptId);
			if (prompt == null) {
				throw ApiException.invalidParameter("prompt_id", "must be a prompt id");
			}
		}
		if (action != null && !action.isEmpty() && AuditAction.fromWire(action) == null) {
			throw ApiException.invalidParameter("action", "must be one of the audit actions, e.g. prompt.revert");
		}
		if (actor != null && actor.length() > 50) {
			throw ApiException.invalidParameter("actor", "must be a username");
		}
		return page(prompt, blankToNull(actor), blankToNull(action), limit, cursor);
	}

	@Transactional(readOnly = true)
	Page<AuditEntry> page(UUID promptId, String actor, String action, String limit, String cursor) {
		String scope = "audit\n" + promptId + "\n" + actor + "\n" + action;
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		Long before = page.position() == null ? null : Long.valueOf(page.position());
		List<AuditEntry> rows = this.store.page(promptId, actor, action, before, page.limit() + 1);
		return Keyset.page(rows, page.limit(), this.cursors, scope, AuditEntry::seq);
	}

	private static String blankToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}

}
