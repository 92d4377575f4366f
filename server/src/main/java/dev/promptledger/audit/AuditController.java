package dev.promptledger.audit;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.http.Page;

/**
 * {@code GET /audit}: the whole story, newest first, filtered by prompt, actor and action
 * (admin only).
 */
@RestController
class AuditController {

	private final AuditQueries queries;

	AuditController(AuditQueries queries) {
		this.queries = queries;
	}

	@Operation(summary = "Read the audit log, newest first")
	@GetMapping("/audit")
	Page<AuditEntry> audit(@RequestParam(name = "prompt_id", required = false) String promptId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		return this.queries.page(promptId, actor, action, limit, cursor);
	}

}
