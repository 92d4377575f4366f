package dev.promptledger.prompt;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies as the OpenAPI document shows them. The controllers read bodies
 * strictly by hand (to order their checks as the contract does), so the schemas are
 * declared here.
 */
final class ApiDocs {

	private ApiDocs() {
	}

	private static final String NAME = "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$";

	private static final String SEGMENT = "^[A-Za-z0-9._-]{1,50}$";

	@Schema(name = "PromptWrite", description = "The body of POST /prompts and PUT /prompts/{id}: a text prompt's "
			+ "content or a chat prompt's messages (exactly one of them)")
	record PromptWrite(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, pattern = NAME) String name,
			@Schema(allowableValues = {
					"text", "chat" }, description = "fixed at creation; default text") String type,
			@Schema(maxLength = 1048576,
					description = "a text prompt's content: at most 1 MiB of UTF-8 (configurable)") String content,
			@ArraySchema(minItems = 1, maxItems = 200, schema = @Schema(implementation = ChatItem.class),
					arraySchema = @Schema(description = "a chat prompt's messages")) List<ChatItem> messages,
			@Schema(implementation = Object.class,
					description = "a JSON object, at most 64 KiB and 20 levels; "
							+ "omitted on PUT: becomes {}") Map<String, Object> config,
			@ArraySchema(maxItems = 50, uniqueItems = true, schema = @Schema(maxLength = 50, pattern = SEGMENT),
					arraySchema = @Schema(
							description = "the prompt's tags (not versioned); kept when omitted")) List<String> tags,
			@ArraySchema(maxItems = 50, uniqueItems = true, schema = @Schema(maxLength = 50, pattern = SEGMENT),
					arraySchema = @Schema(
							description = "labels to point at the version this write leaves current")) List<String> labels,
			@Schema(nullable = true, maxLength = 4000, description = "omitted on PUT: becomes null") String description,
			@Schema(nullable = true, maxLength = 2000,
					description = "the commit message of the version") String message){
	}

	@Schema(name = "ChatItem",
			description = "a message {role, content} or a placeholder {type: placeholder, name} for a list of messages")
	record ChatItem(@Schema(maxLength = 50, pattern = "^[a-z0-9_-]{1,50}$") String role,
			@Schema(maxLength = 1048576) String content, @Schema(allowableValues = {
					"placeholder" }) String type,
			@Schema(maxLength = 100, pattern = "^[A-Za-z][A-Za-z0-9_]{0,99}$") String name){
	}

	@Schema(name = "PromptPatch", description = "RFC 7396 merge patch: only the members present change; "
			+ "\"description\": null clears it; config merges key by key (null removes a key)")
	record PromptPatch(@Schema(maxLength = 200, pattern = NAME) String name,
			@Schema(maxLength = 1048576) String content,
			@ArraySchema(minItems = 1, maxItems = 200,
					schema = @Schema(implementation = ChatItem.class)) List<ChatItem> messages,
			@Schema(implementation = Object.class, nullable = true,
					description = "merge patch of the config") Map<String, Object> config,
			@ArraySchema(maxItems = 50, uniqueItems = true,
					schema = @Schema(maxLength = 50, pattern = SEGMENT)) List<String> tags,
			@ArraySchema(maxItems = 50, uniqueItems = true,
					schema = @Schema(maxLength = 50, pattern = SEGMENT)) List<String> labels,
			@Schema(nullable = true, maxLength = 4000) String description,
			@Schema(nullable = true, maxLength = 2000) String message) {
	}

	@Schema(name = "RevertRequest", description = "Without \"confirm\": true nothing changes (428 with a preview)")
	record Revert(Boolean confirm, @Schema(nullable = true, maxLength = 2000) String message) {
	}

}
