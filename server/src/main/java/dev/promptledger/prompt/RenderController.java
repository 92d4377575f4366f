package dev.promptledger.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.http.Ids;
import dev.promptledger.version.PromptType;
import dev.promptledger.version.PromptView;

/**
 * {@code POST /prompts/{id}/render} and {@code POST /prompts/lookup/render?name=}: the
 * content or messages with their {{variables}} filled in and placeholders expanded.
 */
@RestController
class RenderController {

	private final PromptReads reads;

	private final PromptledgerProperties limits;

	private final RenderMeters meters;

	RenderController(PromptReads reads, PromptledgerProperties limits, RenderMeters meters) {
		this.reads = reads;
		this.limits = limits;
		this.meters = meters;
	}

	record Rendered(@JsonInclude(JsonInclude.Include.NON_NULL) String content,
			@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode messages, JsonNode config, int version,
			@JsonProperty("variables_used") List<String> variablesUsed,
			@JsonProperty("variables_unused") List<String> variablesUnused) {
	}

	@Schema(name = "RenderRequest")
	record RenderDoc(@Schema(description = "name to string value") Map<String, String> variables,
			@Schema(description = "placeholder name to a list of {role, content} messages",
					nullable = true) Map<String, List<Map<String, String>>> placeholders,
			@Schema(nullable = true) String label, @Schema(nullable = true, oneOf = {
					Integer.class, String.class }) Object version){
	}

	@Operation(summary = "Render the prompt (latest, or at a label or version) with the given variables")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = RenderDoc.class)))
	@PostMapping("/prompts/{id}/render")
	Rendered render(@PathVariable String id, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		return render(request, selector -> this.reads.read(promptId, selector, false));
	}

	@Operation(summary = "Render the live prompt of this name, as POST /prompts/{id}/render does")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = RenderDoc.class)))
	@PostMapping(Fetch.LOOKUP + "/render")
	Rendered renderByName(@RequestParam(required = false) String name, HttpServletRequest request) {
		Fetch fetch = Fetch.byName(name, null, null, null, null);
		return render(request, selector -> this.reads.lookup(fetch.name(), selector, false));
	}

	private Rendered render(HttpServletRequest request, java.util.function.Function<Selector, PromptView> read) {
		Parsed parsed;
		try {
			parsed = parse(request);
		}
		catch (ApiException ex) {
			read.apply(Selector.LATEST);
			throw ex;
		}
		PromptView view = read.apply(parsed.selector());
		Renderer.Result result = Renderer.render(view.shown().body(), parsed.values(), parsed.placeholders(),
				this.limits.maxContentBytes());
		PromptType type = view.shown().type();
		if (!result.missing().isEmpty()) {
			this.meters.count(type, RenderMeters.Outcome.MISSING_VARIABLES);
			throw new ApiException(ErrorCode.MISSING_VARIABLES,
					"Missing variables: " + String.join(", ", result.missing()) + ".",
					Map.of("missing", result.missing()));
		}
		if (result.tooLarge()) {
			this.meters.count(type, RenderMeters.Outcome.TOO_LARGE);
			throw new ApiException(ErrorCode.RENDER_TOO_LARGE,
					"The rendered prompt would be " + result.bytes() + " bytes of UTF-8, more than the limit of "
							+ this.limits.maxContentBytes() + ".",
					Map.of("size", result.bytes(), "limit", this.limits.maxContentBytes()));
		}
		this.meters.count(type, RenderMeters.Outcome.RENDERED);
		return new Rendered(result.content(), result.messages(), view.shown().body().config(), view.shown().number(),
				result.used(), result.unused());
	}

	private record Parsed(Map<String, String> values, Map<String, List<Renderer.Message>> placeholders,
			Selector selector) {
	}

	private Parsed parse(HttpServletRequest request) {
		RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		JsonBody body = JsonBody.parse(RequestBodies.read(request, this.limits.maxBodyBytes()),
				Set.of("variables", "placeholders", "label", "version"), Set.of());
		Map<String, String> values = new LinkedHashMap<>();
		JsonNode variables = body.raw("variables");
		if (variables == null || variables.isNull()) {
			body.reject("variables", "is required: an object of name to string value");
		}
		else if (!variables.isObject()) {
			body.reject("variables", "must be an object of name to string value");
		}
		else {
			for (Map.Entry<String, JsonNode> entry : variables.properties()) {
				if (!entry.getValue().isString()) {
					body.reject("variables." + entry.getKey(), "must be a string");
				}
				else {
					values.put(entry.getKey(), entry.getValue().stringValue());
				}
			}
		}
		Map<String, List<Renderer.Message>> placeholders = placeholders(body);
		String label = body.string("label", false);
		JsonNode version = body.raw("version");
		String versionText = null;
		if (version != null && !version.isNull()) {
			if (version.isIntegralNumber() && version.canConvertToInt()) {
				versionText = Integer.toString(version.intValue());
			}
			else if (version.isString()) {
				versionText = version.stringValue();
			}
			else {
				body.reject("version", "must be a version number or a version_id string");
			}
		}
		body.validate();
		return new Parsed(values, placeholders, Selector.of(label, versionText));
	}

	private static Map<String, List<Renderer.Message>> placeholders(JsonBody body) {
		Map<String, List<Renderer.Message>> placeholders = new LinkedHashMap<>();
		JsonNode given = body.raw("placeholders");
		if (given == null || given.isNull()) {
			return placeholders;
		}
		if (!given.isObject()) {
			body.reject("placeholders", "must be an object of name to a list of {role, content} messages");
			return placeholders;
		}
		for (Map.Entry<String, JsonNode> entry : given.properties()) {
			String field = "placeholders." + entry.getKey();
			if (!entry.getValue().isArray()) {
				body.reject(field, "must be a list of {role, content} messages");
				continue;
			}
			List<Renderer.Message> messages = Renderer.Message.listOf(entry.getValue(),
					i -> body.reject(field + "[" + i + "]", Renderer.Message.RULE));
			placeholders.put(entry.getKey(), messages);
		}
		return placeholders;
	}

}
