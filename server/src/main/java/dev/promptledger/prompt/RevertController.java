package dev.promptledger.prompt;

import java.net.URI;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.identity.Actor;
import dev.promptledger.version.DiffResponse;
import dev.promptledger.http.Ids;
import dev.promptledger.version.VersionRef;

/**
 * Revert: make an old version current again, after a preview and an explicit
 * confirmation.
 */
@RestController
class RevertController {

	private final PromptService prompts;

	private final PromptRequests requests;

	RevertController(PromptService prompts, PromptRequests requests) {
		this.prompts = prompts;
		this.requests = requests;
	}

	/** The answer to a dry run. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record DryRun(boolean changed, DiffResponse preview) {
	}

	@Operation(summary = "Revert to a version: preview with dry_run=true, confirm with {\"confirm\": true}")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.Revert.class)))
	@ApiResponse(responseCode = "201",
			description = "Reverted: the prompt with \"changed\": true; Location of the new version")
	@ApiResponse(responseCode = "200",
			description = "Nothing to change (\"changed\": false), or the dry run's {changed, preview}")
	@ApiResponse(responseCode = "428", description = "confirmation required; the problem carries a preview",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/prompts/{id}/versions/{version}/revert")
	ResponseEntity<?> revert(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@PathVariable String version, @RequestParam(name = "dry_run", required = false) String dryRun,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		boolean dry = flag("dry_run", dryRun);
		RevertOutcome outcome = this.prompts.revert(actor, promptId, ifMatch, VersionRef.parse(version),
				this.requests.revert(request, dry));
		if (outcome.confirmationRequired()) {
			throw new ApiException(ErrorCode.CONFIRMATION_REQUIRED,
					"Reverting changes the prompt: repeat the request with \"confirm\": true.",
					java.util.Map.of("preview", outcome.preview()));
		}
		if (dry) {
			return ResponseEntity.ok(new DryRun(outcome.changed(), outcome.preview()));
		}
		String etag = EntityTags.of(outcome.prompt().latest().id());
		if (!outcome.changed()) {
			return ResponseEntity.ok().eTag(etag).body(PromptResponse.of(outcome.prompt(), true, false));
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/prompts/" + promptId + "/versions/" + outcome.written().id()))
			.eTag(etag)
			.body(PromptResponse.of(outcome.prompt(), true, true));
	}

	private static boolean flag(String name, String value) {
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw ApiException.invalidParameter(name, "must be true or false");
	}

}
