package dev.promptledger.prompt;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.Page;
import dev.promptledger.identity.Actor;
import dev.promptledger.http.Ids;
import dev.promptledger.version.PromptView;

/** Prompts: create, list, read, replace, patch, delete. */
@RestController
class PromptController {

	private final PromptService prompts;

	private final PromptReads reads;

	private final PromptRequests requests;

	PromptController(PromptService prompts, PromptReads reads, PromptRequests requests) {
		this.prompts = prompts;
		this.reads = reads;
		this.requests = requests;
	}

	@Operation(summary = "Create a prompt (version 1)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = { @Content(mediaType = "application/json",
					schema = @Schema(implementation = ApiDocs.PromptWrite.class)) })
	@ApiResponse(responseCode = "201", description = "Created; Location and ETag of the new prompt")
	@ApiResponse(responseCode = "409", description = "name taken",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/prompts")
	ResponseEntity<PromptResponse> create(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
		PromptView created = this.prompts.create(actor, this.requests.draft(request, true));
		return ResponseEntity.created(URI.create("/prompts/" + created.id()))
			.eTag(EntityTags.of(created.latest().id()))
			.body(PromptResponse.of(created, true));
	}

	@Operation(summary = "List live prompts (the most recently changed first, unless sort says otherwise), "
			+ "without their body; q searches name, description and content or messages, tag filters")
	@GetMapping("/prompts")
	Page<PromptResponse> list(@RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String q,
			@RequestParam(required = false) List<String> tag, @RequestParam(required = false) String sort) {
		return this.prompts.list(ListQuery.of(q, tag, sort), limit, cursor).map(view -> PromptResponse.of(view, false));
	}

	@Operation(summary = "Read a prompt with its content; 304 when If-None-Match names its ETag")
	@ApiResponse(responseCode = "200", description = "The prompt; ETag of the version shown")
	@ApiResponse(responseCode = "304", description = "Not modified")
	@GetMapping(Fetch.BY_ID)
	ResponseEntity<PromptResponse> get(@PathVariable String id, @RequestParam(required = false) String label,
			@RequestParam(required = false) String version,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
		return answer(Fetch.byId(id, label, version, cacheControl, ifNoneMatch));
	}

	@Operation(summary = "Read a live prompt by name, at the latest version, a label or a version")
	@ApiResponse(responseCode = "200", description = "The prompt; ETag of the version shown")
	@ApiResponse(responseCode = "304", description = "Not modified")
	@GetMapping(Fetch.LOOKUP)
	ResponseEntity<PromptResponse> lookup(@RequestParam(required = false) String name,
			@RequestParam(required = false) String label, @RequestParam(required = false) String version,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
		return answer(Fetch.byName(name, label, version, cacheControl, ifNoneMatch));
	}

	/** The answer to a fetch, as the fast path gives it too. */
	private ResponseEntity<PromptResponse> answer(Fetch fetch) {
		PromptView view = fetch.read(this.reads);
		boolean notModified = fetch.notModified(view);
		var answer = (notModified ? ResponseEntity.status(HttpStatus.NOT_MODIFIED) : ResponseEntity.ok())
			.eTag(Fetch.etag(view))
			.header(HttpHeaders.CACHE_CONTROL, Fetch.CACHE_CONTROL);
		return notModified ? answer.build() : answer.body(Fetch.body(view));
	}

	@Operation(summary = "Replace a prompt; a new version of change_type update when something changed")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = { @Content(mediaType = "application/json",
					schema = @Schema(implementation = ApiDocs.PromptWrite.class)) })
	@ApiResponse(responseCode = "200", description = "The prompt as it is now")
	@ApiResponse(responseCode = "409", description = "name taken",
			content = @Content(mediaType = "application/problem+json"))
	@PutMapping("/prompts/{id}")
	ResponseEntity<PromptResponse> replace(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		return written(this.prompts.replace(actor, promptId, ifMatch, this.requests.draft(request, false)));
	}

	@Operation(summary = "Merge-patch a prompt (RFC 7396); a new version of change_type patch when something changed")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
			@Content(mediaType = "application/merge-patch+json",
					schema = @Schema(implementation = ApiDocs.PromptPatch.class)),
			@Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.PromptPatch.class)) })
	@ApiResponse(responseCode = "200", description = "The prompt as it is now")
	@ApiResponse(responseCode = "409", description = "name taken",
			content = @Content(mediaType = "application/problem+json"))
	@PatchMapping("/prompts/{id}")
	ResponseEntity<PromptResponse> patch(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		return written(this.prompts.patch(actor, promptId, ifMatch, this.requests.patch(request)));
	}

	@Operation(summary = "Delete a prompt; its history is kept and its name can be used again")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@DeleteMapping("/prompts/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.prompts.delete(actor, Ids.prompt(id), ifMatch);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<PromptResponse> written(WriteResult result) {
		return ResponseEntity.ok()
			.eTag(EntityTags.of(result.prompt().latest().id()))
			.body(PromptResponse.of(result.prompt(), true));
	}

}
