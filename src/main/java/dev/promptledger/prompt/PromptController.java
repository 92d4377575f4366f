package dev.promptledger.prompt;

import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.Page;
import dev.promptledger.http.TextRules;
import dev.promptledger.identity.Actor;
import dev.promptledger.version.Ids;

/** Prompts: create, list, read, replace, patch, delete. */
@RestController
@RequestMapping("/prompts")
class PromptController {

	private final PromptService prompts;

	private final PromptRequests requests;

	PromptController(PromptService prompts, PromptRequests requests) {
		this.prompts = prompts;
		this.requests = requests;
	}

	@PostMapping
	ResponseEntity<PromptResponse> create(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
		PromptView created = this.prompts.create(actor, this.requests.draft(request));
		return ResponseEntity.created(URI.create("/prompts/" + created.id()))
			.eTag(EntityTags.of(created.latest().id()))
			.body(PromptResponse.of(created, true));
	}

	@GetMapping
	Page<PromptResponse> list(@RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String q) {
		if (q != null && (q.length() > PromptRequests.MAX_NAME_CHARS || TextRules.problem(q) != null)) {
			throw ApiException.invalidParameter("q", "must be at most " + PromptRequests.MAX_NAME_CHARS + " valid characters");
		}
		return this.prompts.list(q == null || q.isEmpty() ? null : q, limit, cursor)
			.map(view -> PromptResponse.of(view, false));
	}

	@GetMapping("/{id}")
	ResponseEntity<PromptResponse> get(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		PromptView view = this.prompts.get(Ids.prompt(id));
		String etag = EntityTags.of(view.latest().id());
		if (EntityTags.ifNoneMatchHits(ifNoneMatch, view.latest().id())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(noCache()).build();
		}
		return ResponseEntity.ok().eTag(etag).cacheControl(noCache()).body(PromptResponse.of(view, true));
	}

	@PutMapping("/{id}")
	ResponseEntity<PromptResponse> replace(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		PromptDraft draft = parse(promptId, () -> this.requests.draft(request));
		return written(this.prompts.replace(actor, promptId, ifMatch, draft));
	}

	@PatchMapping("/{id}")
	ResponseEntity<PromptResponse> patch(@AuthenticationPrincipal Actor actor, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		PromptPatch patch = parse(promptId, () -> this.requests.patch(request));
		return written(this.prompts.patch(actor, promptId, ifMatch, patch));
	}

	@DeleteMapping("/{id}")
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

	/** Parses a body; a bad body of a prompt that does not exist is a 404, as the contract orders the checks. */
	private <T> T parse(UUID promptId, Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (ApiException ex) {
			this.prompts.requireLive(promptId);
			throw ex;
		}
	}

	static org.springframework.http.CacheControl noCache() {
		return org.springframework.http.CacheControl.noCache();
	}

}
