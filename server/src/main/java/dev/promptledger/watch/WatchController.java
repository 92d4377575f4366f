package dev.promptledger.watch;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.NameRules;
import dev.promptledger.label.LabelService;
import dev.promptledger.prompt.PromptRequests;

/** {@code GET /prompts/watch}: see {@link Watches}. */
@RestController
class WatchController {

	/** The most names one stream watches. */
	static final int MAX_NAMES = 100;

	private final Watches watches;

	WatchController(Watches watches) {
		this.watches = watches;
	}

	@Operation(summary = "Watch what names resolve to: server-sent events, one 'prompt' event per name now and "
			+ "one each time it changes; 'reset' when the node may have missed changes (re-read)")
	@ApiResponse(responseCode = "200", description = "An event stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string", maxLength = 1_000_000)))
	@ApiResponse(responseCode = "503", description = "This node has as many streams open as it may",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping(path = "/prompts/watch", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(
			@Parameter(array = @ArraySchema(maxItems = MAX_NAMES,
					schema = @Schema(maxLength = PromptRequests.MAX_NAME_CHARS))) @RequestParam(
							required = false) List<String> name,
			@Parameter(schema = @Schema(maxLength = 50)) @RequestParam(required = false) String label,
			@Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
			HttpServletResponse response) {
		if (name == null || name.isEmpty() || name.size() > MAX_NAMES) {
			throw ApiException.invalidParameter("name", "give 1 to " + MAX_NAMES + " names to watch");
		}
		for (String one : name) {
			String problem = NameRules.pathProblem(one, PromptRequests.MAX_NAME_CHARS);
			if (problem != null) {
				throw ApiException.invalidParameter("name", "'" + one + "' " + problem);
			}
		}
		String selected = label == null || label.isEmpty() || label.equals("latest") ? null : label;
		if (selected != null && LabelService.nameProblem(selected) != null) {
			throw ApiException.invalidParameter("label", LabelService.nameProblem(selected));
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		// proxies such as nginx pass the events on as they come
		response.setHeader("X-Accel-Buffering", "no");
		return this.watches.open(authorization, name, selected);
	}

}
