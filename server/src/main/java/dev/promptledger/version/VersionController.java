package dev.promptledger.version;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.http.Ids;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.Page;

/** A prompt's history: list, view and diff versions. */
@RestController
@RequestMapping("/prompts/{id}/versions")
class VersionController {

	static final String TEXT_DIFF = "text/x-diff";

	private final VersionService versions;

	VersionController(VersionService versions) {
		this.versions = versions;
	}

	@Operation(summary = "A prompt's history, newest first, without content")
	@GetMapping
	Page<VersionResponse> list(@PathVariable String id, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		UUID promptId = Ids.prompt(id);
		Page<Version> page = this.versions.history(promptId, limit, cursor);
		Map<UUID, List<String>> labels = this.versions.labels(promptId);
		return page.map(v -> VersionResponse.of(v, false, labels.getOrDefault(v.id(), List.of())));
	}

	@Operation(summary = "One version, by version_id or number, with its content")
	@GetMapping("/{version}")
	ResponseEntity<VersionResponse> get(@PathVariable String id, @PathVariable String version,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		UUID promptId = Ids.prompt(id);
		Version found = this.versions.get(promptId, version);
		List<String> labels = this.versions.labels(promptId).getOrDefault(found.id(), List.of());
		// the version never changes, the labels pointing at it may: the tag covers both
		String tag = labels.isEmpty() ? found.id().toString()
				: found.id() + "+" + Sha256.of(String.join(",", labels)).substring(0, 16);
		if (EntityTags.ifNoneMatchHits(ifNoneMatch, tag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(EntityTags.of(tag)).build();
		}
		return ResponseEntity.ok()
			.eTag(EntityTags.of(tag))
			.cacheControl(CacheControl.noCache())
			.body(VersionResponse.of(found, true, labels));
	}

	@Operation(
			summary = "The change from another version (default: the parent) to this one; Accept: text/x-diff for the unified text alone")
	@GetMapping(path = "/{version}/diff", produces = MediaType.APPLICATION_JSON_VALUE)
	DiffResponse diff(@PathVariable String id, @PathVariable String version,
			@RequestParam(required = false) String against) {
		return this.versions.diff(Ids.prompt(id), version, against);
	}

	@GetMapping(path = "/{version}/diff", produces = TEXT_DIFF)
	ResponseEntity<String> unifiedDiff(@PathVariable String id, @PathVariable String version,
			@RequestParam(required = false) String against) {
		DiffResponse diff = this.versions.diff(Ids.prompt(id), version, against);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(TEXT_DIFF + ";charset=UTF-8"))
			.body(diff.unified());
	}

}
