package dev.promptledger.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.http.Ids;
import dev.promptledger.version.Templates;
import dev.promptledger.version.PromptView;

/** {@code POST /prompts/{id}/render}: the content with its {{variables}} filled in. */
@RestController
class RenderController {

	private final PromptReads reads;

	private final PromptledgerProperties limits;

	RenderController(PromptReads reads, PromptledgerProperties limits) {
		this.reads = reads;
		this.limits = limits;
	}

	record Rendered(String content, int version, @JsonProperty("variables_used") List<String> variablesUsed) {
	}

	@Schema(name = "RenderRequest")
	record RenderDoc(@Schema(description = "name to string value") Map<String, String> variables,
			@Schema(nullable = true) String label, @Schema(nullable = true, oneOf = {
					Integer.class, String.class }) Object version){
	}

	@Operation(summary = "Render the content (latest, or at a label or version) with the given variables")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = RenderDoc.class)))
	@PostMapping("/prompts/{id}/render")
	Rendered render(@PathVariable String id, HttpServletRequest request) {
		UUID promptId = Ids.prompt(id);
		Parsed parsed;
		try {
			parsed = parse(request);
		}
		catch (ApiException ex) {
			this.reads.read(promptId, Selector.LATEST, false);
			throw ex;
		}
		PromptView view = this.reads.read(promptId, parsed.selector(), false);
		Templates.Rendering rendering = Templates.render(view.shown().content(), parsed.values(),
				this.limits.maxContentBytes());
		if (!rendering.missing().isEmpty()) {
			throw new ApiException(ErrorCode.MISSING_VARIABLES,
					"Missing variables: " + String.join(", ", rendering.missing()) + ".",
					Map.of("missing", rendering.missing()));
		}
		if (rendering.content() == null) {
			throw new ApiException(ErrorCode.RENDER_TOO_LARGE,
					"The rendered content would be " + rendering.bytes() + " bytes of UTF-8, more than the limit of "
							+ this.limits.maxContentBytes() + ".",
					Map.of("size", rendering.bytes(), "limit", this.limits.maxContentBytes()));
		}
		return new Rendered(rendering.content(), view.shown().number(), rendering.used());
	}

	private record Parsed(Map<String, String> values, Selector selector) {
	}

	private Parsed parse(HttpServletRequest request) {
		RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		JsonBody body = JsonBody.parse(RequestBodies.read(request, this.limits.maxBodyBytes()),
				Set.of("variables", "label", "version"), Set.of());
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
		return new Parsed(values, Selector.of(label, versionText));
	}

}
