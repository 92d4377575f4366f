package dev.promptledger.review;

import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.Checked;
import dev.promptledger.http.Ids;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.Page;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.identity.Actor;
import dev.promptledger.label.LabelService;
import dev.promptledger.version.VersionRef;

/** Change requests: open, list, read, approve, reject, cancel. */
@RestController
class ChangeRequestController {

	private final ChangeRequests requests;

	private final PromptledgerProperties limits;

	private final ChangeRequestReads reads;

	ChangeRequestController(ChangeRequests requests, ChangeRequestReads reads, PromptledgerProperties limits) {
		this.requests = requests;
		this.reads = reads;
		this.limits = limits;
	}

	@Schema(name = "ChangeRequestOpen")
	record Open(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 50) String label, @Schema(oneOf = {
			Integer.class, String.class },
			description = "the proposed version: its number or version_id (not with delete)") Object version,
			@Schema(description = "true: propose deleting the label (not with version)") Boolean delete,
			@Schema(maxLength = 2000, nullable = true) String message){
	}

	@Schema(name = "ChangeRequestDecision")
	record Decision(@Schema(maxLength = 2000, description = "required to reject") String comment) {
	}

	@Operation(summary = "Propose moving or deleting a label (editor or above)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Open.class)))
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Opened",
			content = @Content(schema = @Schema(implementation = ChangeRequestResponse.class)))
	@PostMapping("/prompts/{id}/change-requests")
	ResponseEntity<ChangeRequestResponse> open(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		ChangeRequestResponse opened = this.requests.open(actor, promptId, Checked.of(() -> proposal(request)));
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(java.net.URI.create("/change-requests/" + opened.id()))
			.body(opened);
	}

	@Operation(summary = "The change requests of a prompt, newest first")
	@GetMapping("/prompts/{id}/change-requests")
	Page<ChangeRequestResponse> ofPrompt(@PathVariable String id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		return this.reads.list(Ids.prompt(id), status, limit, cursor);
	}

	@Operation(summary = "Every change request, newest first")
	@GetMapping("/change-requests")
	Page<ChangeRequestResponse> all(@RequestParam(required = false) String status,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		return this.reads.list(null, status, limit, cursor);
	}

	@Operation(summary = "A change request, with its diff and the proposed version")
	@GetMapping("/change-requests/{cr}")
	ChangeRequestResponse get(@PathVariable String cr) {
		return this.reads.get(cr);
	}

	@Operation(summary = "Approve (approver role, never your own request); applies it when the count is reached")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Decision.class)))
	@PostMapping("/change-requests/{cr}/approve")
	ChangeRequestResponse approve(@AuthenticationPrincipal Actor actor, @PathVariable String cr,
			HttpServletRequest request) {
		return this.requests.approve(actor, cr, comment(request, false));
	}

	@Operation(summary = "Reject, with a comment (approver role)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Decision.class)))
	@PostMapping("/change-requests/{cr}/reject")
	ChangeRequestResponse reject(@AuthenticationPrincipal Actor actor, @PathVariable String cr,
			HttpServletRequest request) {
		return this.requests.reject(actor, cr, comment(request, true));
	}

	@Operation(summary = "Cancel (the author or an admin)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Decision.class)))
	@PostMapping("/change-requests/{cr}/cancel")
	ChangeRequestResponse cancel(@AuthenticationPrincipal Actor actor, @PathVariable String cr,
			HttpServletRequest request) {
		return this.requests.cancel(actor, cr, comment(request, false));
	}

	private Proposal proposal(HttpServletRequest request) {
		RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		JsonBody body = JsonBody.parse(RequestBodies.read(request, this.limits.maxBodyBytes()),
				Set.of("label", "version", "delete", "message"), Set.of("id", "prompt_id", "status", "created_by",
						"created_at", "approvals", "required_approvals", "from_version_id", "to_version_id"));
		String label = body.string("label", true);
		if (label != null) {
			String problem = LabelService.nameProblem(label);
			if (problem != null) {
				body.reject("label", problem);
			}
		}
		boolean delete = body.bool("delete", false);
		JsonNode version = body.raw("version");
		VersionRef target = null;
		if (delete) {
			if (version != null && !version.isNull()) {
				body.reject("version", "must not be given with delete: true");
			}
		}
		else if (version == null || version.isNull()) {
			body.reject("version", "is required (a version number or version_id), or delete: true");
		}
		else {
			target = VersionRef.fromJson(version);
			if (target == null) {
				body.reject("version", "must be a version number (1 or more) or a version_id string");
			}
		}
		String message = body.string("message", false);
		String problem = LabelService.messageProblem(message);
		if (problem != null) {
			body.reject("message", problem);
		}
		body.validate();
		return new Proposal(label, target, delete, message);
	}

	/** The decision's comment: an optional (or, to reject, required) body. */
	private String comment(HttpServletRequest request, boolean required) {
		byte[] bytes = RequestBodies.read(request, this.limits.maxBodyBytes());
		if (bytes.length > 0) {
			RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		}
		JsonBody body = JsonBody.parseOptional(bytes, Set.of("comment"), Set.of());
		String comment = body.string("comment", required);
		String problem = LabelService.messageProblem(comment);
		if (problem != null) {
			body.reject("comment", problem);
		}
		body.validate();
		return comment;
	}

}
