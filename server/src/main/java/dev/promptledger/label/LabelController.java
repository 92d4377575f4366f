package dev.promptledger.label;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.ApiException.FieldError;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.Page;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.identity.Actor;
import dev.promptledger.http.Ids;
import dev.promptledger.version.VersionRef;

/** Labels of a prompt: list, set or move, delete, and the history of every move. */
@RestController
class LabelController {

	private final LabelService labels;

	private final PromptledgerProperties limits;

	LabelController(LabelService labels, PromptledgerProperties limits) {
		this.labels = labels;
		this.limits = limits;
	}

	@Schema(name = "LabelMove", description = "The version to point the label at: its number or its version_id")
	record Move(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, oneOf = {
			Integer.class, String.class }) Object version,
			@Schema(description = "why the label moves, kept in its history", maxLength = 2000,
					nullable = true) String message){
	}

	@Operation(summary = "The labels that are set, sorted by name (latest is implicit and not listed)")
	@GetMapping("/prompts/{id}/labels")
	Map<String, List<Label>> list(@PathVariable String id) {
		return Map.of("items", this.labels.labels(Ids.prompt(id)));
	}

	@Operation(summary = "Create or move a label (editor or above, or as its policy says)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Move.class)))
	@PutMapping("/prompts/{id}/labels/{label}")
	Label move(@AuthenticationPrincipal Actor actor, @PathVariable String id, @PathVariable String label,
			HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		return this.labels.move(actor, promptId, label, Checked.of(() -> target(request, label)));
	}

	@Operation(summary = "Delete a label (editor or above, or as its policy says)")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Deleted")
	@DeleteMapping("/prompts/{id}/labels/{label}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@PathVariable String label) {
		this.labels.delete(actor, Ids.prompt(id), label);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "What the label pointed to at a moment (RFC 3339), from its history")
	@GetMapping("/prompts/{id}/labels/{label}/at")
	LabelAt at(@PathVariable String id, @PathVariable String label, @RequestParam(required = false) String time) {
		UUID promptId = Ids.prompt(id);
		return this.labels.at(promptId, label, moment(time));
	}

	/** An RFC 3339 time with its offset ({@code 2026-11-25T18:45:22.123Z}). */
	private static java.time.Instant moment(String time) {
		if (time == null || time.isEmpty()) {
			throw ApiException.invalidParameter("time", "is required: an RFC 3339 time, e.g. 2026-11-25T18:45:22.123Z");
		}
		try {
			return java.time.OffsetDateTime.parse(time).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw ApiException.invalidParameter("time",
					"must be an RFC 3339 time with an offset, e.g. " + "2026-11-25T18:45:22.123Z");
		}
	}

	@Operation(summary = "Every time the label was set or deleted, newest first")
	@GetMapping("/prompts/{id}/labels/{label}/history")
	Page<LabelEvent> history(@PathVariable String id, @PathVariable String label,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		return this.labels.history(Ids.prompt(id), label, limit, cursor);
	}

	/**
	 * The body's version, as a number or a version id; the label name is checked with it.
	 */
	private LabelMove target(HttpServletRequest request, String label) {
		RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		JsonBody body = JsonBody.parse(RequestBodies.read(request, this.limits.maxBodyBytes()),
				Set.of("version", "message"), Set.of("label", "version_id", "number", "updated_at", "updated_by"));
		String problem = LabelService.nameProblem(label);
		if (problem != null) {
			body.reject("label", problem);
		}
		JsonNode version = body.raw("version");
		VersionRef target = null;
		if (version == null || version.isNull()) {
			body.reject("version", "is required: a version number or version_id");
		}
		else {
			target = VersionRef.fromJson(version);
			if (target == null) {
				body.reject("version", "must be a version number (1 or more) or a version_id string");
			}
		}
		String message = body.string("message", false);
		String messageProblem = LabelService.messageProblem(message);
		if (messageProblem != null) {
			body.reject("message", messageProblem);
		}
		body.validate();
		return new LabelMove(target, message);
	}

}
