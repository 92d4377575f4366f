package dev.promptledger.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error answers of every operation, in one place instead of annotations repeated on
 * each controller method: which problems an operation can answer follows from the
 * contract's rules (credentials and roles, a path that names something, query parameters
 * and bodies, If-Match), and each is {@code application/problem+json} with the
 * {@code Problem} schema. An operation declared to answer 201 or 204 does not also list
 * the 200 springdoc assumes.
 */
final class ApiProblemsDoc implements OpenApiCustomizer {

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	/** Paths anyone may call. */
	private static final Set<String> PUBLIC = Set.of("/health");

	/** Writes guarded by If-Match. */
	private static final Set<String> IF_MATCH = Set.of("PUT /prompts/{id}", "PATCH /prompts/{id}",
			"DELETE /prompts/{id}", "POST /prompts/{id}/versions/{version}/revert");

	/**
	 * Operations that answer 409: a name taken, a label that needs approval, a change
	 * request already decided, approved or stale.
	 */
	private static final Set<String> CONFLICTS = Set.of("POST /prompts", "PUT /prompts/{id}", "PATCH /prompts/{id}",
			"PUT /prompts/{id}/labels/{label}", "DELETE /prompts/{id}/labels/{label}",
			"POST /change-requests/{cr}/approve", "POST /change-requests/{cr}/reject",
			"POST /change-requests/{cr}/cancel");

	private static final Map<String, String> REASONS = Map.ofEntries(
			Map.entry("400", "invalid request: a body or a query parameter breaks its rules"),
			Map.entry("401", "missing, unknown, revoked or disabled credentials"),
			Map.entry("403", "the caller's role may not do this"),
			Map.entry("404", "what the path names does not exist"),
			Map.entry("409",
					"a conflict: the name is taken, the label needs approval (approval_required), or the change "
							+ "request is closed, stale or approved by you already"),
			Map.entry("412", "If-Match does not name the current version"),
			Map.entry("413", "the body or the content is larger than its limit"),
			Map.entry("415", "the body is not JSON"), Map.entry("429", "too many failed authentications from here"),
			Map.entry("500", "an unexpected error (logged; no details)"),
			Map.entry("503", "the database is not answering; Retry-After says when to try again"));

	@Override
	public void customise(OpenAPI api) {
		api.getComponents().addSchemas(PROBLEM, problem());
		for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
			for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
				describe(path.getKey(), operation.getKey().name(), operation.getValue());
			}
		}
	}

	private static void describe(String path, String method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		ApiResponse ok = responses.get("200");
		if ((responses.containsKey("201") || responses.containsKey("204")) && ok != null
				&& "OK".equals(ok.getDescription())) {
			// springdoc's own 200 for a method that answers 201 or 204 (revert's 200 is
			// declared)
			responses.remove("200");
		}
		java.util.Set<String> codes = new java.util.TreeSet<>();
		codes.add("500");
		codes.add("503");
		if (!PUBLIC.contains(path)) {
			codes.add("401");
			codes.add("403");
			codes.add("429");
		}
		if (path.contains("{") || path.startsWith("/prompts/lookup")) {
			// a path or a name that names nothing
			codes.add("404");
		}
		// every endpoint refuses query parameters it does not define
		codes.add("400");
		if (operation.getRequestBody() != null) {
			codes.add("413");
			codes.add("415");
		}
		if (CONFLICTS.contains(method + " " + path)) {
			codes.add("409");
		}
		if (IF_MATCH.contains(method + " " + path)) {
			codes.add("412");
		}
		for (String code : codes) {
			if (!responses.containsKey(code)) {
				responses.addApiResponse(code, new ApiResponse().description(REASONS.get(code)));
			}
		}
		for (Map.Entry<String, ApiResponse> response : responses.entrySet()) {
			if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
				if (!PUBLIC.contains(path) || !response.getKey().equals("503")) {
					response.getValue()
						.content(new Content().addMediaType(PROBLEM_JSON,
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
				}
			}
		}
		if (responses.containsKey("401")) {
			responses.get("401")
				.headers(Map.of("WWW-Authenticate",
						new Header().description("Bearer").schema(new StringSchema().maxLength(200))));
		}
		if (responses.containsKey("503")) {
			Schema<?> seconds = new IntegerSchema().minimum(java.math.BigDecimal.ZERO)
				.maximum(java.math.BigDecimal.valueOf(3600));
			responses.get("503")
				.headers(new LinkedHashMap<>(
						Map.of("Retry-After", new Header().description("seconds to wait").schema(seconds))));
		}
	}

	/** RFC 9457 problem details with the contract's {@code code} and {@code errors}. */
	@SuppressWarnings("rawtypes")
	private static Schema problem() {
		ObjectSchema error = new ObjectSchema();
		error.addProperty("field", new StringSchema().maxLength(300).description("the field or parameter"));
		error.addProperty("message", new StringSchema().maxLength(1000));
		ObjectSchema problem = new ObjectSchema();
		problem.description("application/problem+json (RFC 9457) with a stable code (docs/api.md lists them)");
		problem.addProperty("type",
				new StringSchema().format("uri").maxLength(200).example("urn:promptledger:problem:prompt_not_found"));
		problem.addProperty("title", new StringSchema().maxLength(200));
		problem.addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
			.maximum(java.math.BigDecimal.valueOf(599)));
		problem.addProperty("detail", new StringSchema().maxLength(4000));
		problem.addProperty("instance", new StringSchema().maxLength(2000));
		problem.addProperty("code", new StringSchema().pattern("^[a-z_]{1,64}$").maxLength(64));
		problem.addProperty("errors", new ArraySchema().items(error).maxItems(1000));
		problem.setRequired(List.of("type", "title", "status", "code"));
		return problem;
	}

}
