package dev.promptledger.prompt;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies as the OpenAPI document shows them. The controllers read bodies
 * strictly by hand (to order their checks as the contract does), so the schemas are
 * declared here.
 */
final class ApiDocs {

	private ApiDocs() {
	}

	@Schema(name = "PromptWrite", description = "The body of POST /prompts and PUT /prompts/{id}")
	record PromptWrite(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200,
					pattern = "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$") String name,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "at most 1 MiB of UTF-8") String content,
			@Schema(nullable = true, maxLength = 4000, description = "omitted on PUT: becomes null") String description,
			@Schema(nullable = true, maxLength = 2000,
					description = "the commit message of the version") String message) {
	}

	@Schema(name = "PromptPatch",
			description = "RFC 7396 merge patch: only the members present change; " + "\"description\": null clears it")
	record PromptPatch(@Schema(maxLength = 200) String name, String content,
			@Schema(nullable = true, maxLength = 4000) String description,
			@Schema(nullable = true, maxLength = 2000) String message) {
	}

	@Schema(name = "RevertRequest", description = "Without \"confirm\": true nothing changes (428 with a preview)")
	record Revert(Boolean confirm, @Schema(nullable = true, maxLength = 2000) String message) {
	}

}
