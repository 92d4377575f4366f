package dev.promptledger.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The limits of every value on the wire, by the field's name: the API uses one name for
 * one thing everywhere ({@code version_id} is always a version's UUID, {@code author}
 * always a username), so the bound of each is written down once here and put on every
 * schema property and parameter of that name that does not state its own. A test keeps
 * every string, array and integer of the document bounded, so a new field needs its line
 * here.
 */
final class ApiLimitsDoc implements OpenApiCustomizer {

	private static final String SEGMENT = "^[A-Za-z0-9._-]{1,50}$";

	private static final String NAME = "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$";

	private static final String VARIABLE = "^[A-Za-z][A-Za-z0-9_]{0,99}$";

	private static final String VERSION_REF = "^([1-9][0-9]{0,8}|[0-9a-fA-F-]{36})$";

	/**
	 * The most items of any list on the wire: a diff of a prompt at the content limit.
	 */
	private static final int MANY = 1_048_576;

	private static final Map<String, Consumer<Schema<?>>> LIMITS = Map.ofEntries(uuid("id"), uuid("prompt_id"),
			uuid("version_id"), uuid("parent_version_id"), uuid("reverted_from_version_id"), uuid("from_version_id"),
			uuid("to_version_id"), uuid("token_id"), time("at"), time("created_at"), time("updated_at"),
			time("revoked_at"), time("time"), time("since"), text("author", 50, SEGMENT), text("actor", 50, SEGMENT),
			text("created_by", 50, SEGMENT), text("updated_by", 50, SEGMENT), text("username", 50, SEGMENT),
			text("label", 50, SEGMENT), text("tag", 50, SEGMENT), text("name", 200, NAME),
			text("description", 4000, null), text("message", 2000, null), text("content", 1_048_576, null),
			text("text", 1_048_576, null), text("unified", 64 * 1_048_576, null),
			text("content_sha256", 64, "^[0-9a-f]{64}$"), text("action", 32, "^[a-z_]+\\.[a-z_.]+$"),
			text("role", 50, "^[a-z0-9_-]{1,50}$"), text("from_role", 50, "^[a-z0-9_-]{1,50}$"),
			text("placeholder", 100, "^[A-Za-z][A-Za-z0-9_]{0,99}$"), text("type", 16, "^[a-z]{1,16}$"),
			text("change_type", 8, "^(create|update|patch|revert)$"), text("op", 8, "^[a-z]{1,8}$"),
			text("token", 100, "^plg_[A-Za-z0-9_-]{1,96}$"), text("cursor", 2000, "^[A-Za-z0-9_.-]*$"),
			text("next_cursor", 2000, "^[A-Za-z0-9_.-]*$"), text("q", 200, null), text("limit", 3, "^[0-9]{1,3}$"),
			text("sort", 10, "^(updated_at|created_at|name)$"), text("dry_run", 5, "^(true|false)$"),
			text("against", 36, VERSION_REF), text("If-Match", 2000, null), text("If-None-Match", 2000, null),
			text("Cache-Control", 200, null), text("includedNames", 2000, null),
			list("fields_changed", 5, 11, "^[a-z_]{1,11}$"), list("labels", 50, 50, SEGMENT),
			list("tags", 50, 50, SEGMENT), list("variables", 1000, 100, VARIABLE),
			list("variables_used", 1000, 100, VARIABLE), list("variables_unused", 1000, 100, VARIABLE),
			list("items", 200, 0, null), list("hunks", MANY, 0, null), list("lines", MANY, 0, null),
			list("messages", 200, 0, null), count("lines_added"), count("lines_removed"), count("chars_added"),
			count("chars_removed"), count("from_count"), count("to_count"), count("from_start"), count("to_start"),
			number("number"), number("from_number"), number("to_number"), number("version"), index("from_index"),
			index("to_index"), uuid("change_request_id"), uuid("event_id"), time("closed_at"), time("last_attempt_at"),
			time("next_attempt_at"), text("approver", 50, SEGMENT), text("closed_by", 50, SEGMENT),
			text("approver_role", 16, "^(maintainer|admin)$"), text("comment", 2000, null),
			text("prompt_name", 200, NAME), text("status", 16, null),
			text("secret", 100, "^whsec_[A-Za-z0-9+/=]{1,94}$"), text("url", 2048, null),
			Map.entry("approvals", ApiLimitsDoc::approvals), list("events", 8, 40, "^(\\*|[a-z_.]{1,40})$"),
			range("required_approvals", 1, 5), range("attempts", 0, 1000), range("last_status_code", 100, 599));

	@Override
	public void customise(OpenAPI api) {
		for (Schema<?> schema : api.getComponents().getSchemas().values()) {
			bound(null, schema);
		}
		for (PathItem path : api.getPaths().values()) {
			for (Operation operation : path.readOperations()) {
				for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of()
						: operation.getParameters()) {
					bound(parameter.getName(), parameter.getSchema());
				}
				if (operation.getResponses() != null) {
					operation.getResponses().values().forEach(ApiLimitsDoc::bound);
				}
			}
		}
	}

	/** The inline schemas of an answer: a diff's text, a map of labels, health. */
	private static void bound(io.swagger.v3.oas.models.responses.ApiResponse response) {
		if (response.getContent() == null) {
			return;
		}
		response.getContent().forEach((type, media) -> {
			Schema<?> schema = media.getSchema();
			if (schema != null && is(schema, "string") && schema.getMaxLength() == null) {
				schema.maxLength(64 * 1_048_576);
			}
			bound(null, schema);
		});
	}

	private static void bound(String name, Schema<?> schema) {
		if (schema == null) {
			return;
		}
		if (schema.getOneOf() != null) {
			schema.getOneOf().forEach(member -> bound(name, member));
		}
		if (schema.getProperties() != null) {
			schema.getProperties().forEach(ApiLimitsDoc::bound);
		}
		if (schema.getItems() != null) {
			bound(name, schema.getItems());
		}
		if (schema.getAdditionalProperties() instanceof Schema<?> values) {
			// the values of a map (render's variables, placeholders' messages) are
			// contents
			bound("content", values);
		}
		Consumer<Schema<?>> limit = name == null ? null : LIMITS.get(name);
		if (limit != null && !stated(schema)) {
			limit.accept(schema);
		}
	}

	/** Whether the schema is of this type (OpenAPI 3.1 keeps types in a set). */
	static boolean is(Schema<?> schema, String type) {
		return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
	}

	/** Whether the schema states its own bound already (an annotation's). */
	private static boolean stated(Schema<?> schema) {
		return schema.getMaxLength() != null || schema.getEnum() != null || schema.getMaxItems() != null
				|| schema.getMaximum() != null || schema.get$ref() != null;
	}

	private static Map.Entry<String, Consumer<Schema<?>>> uuid(String name) {
		return Map.entry(name, schema -> {
			if (is(schema, "string")) {
				schema.format("uuid").maxLength(36);
			}
		});
	}

	private static Map.Entry<String, Consumer<Schema<?>>> time(String name) {
		return Map.entry(name, schema -> schema.format("date-time").maxLength(30));
	}

	private static Map.Entry<String, Consumer<Schema<?>>> text(String name, int max, String pattern) {
		return Map.entry(name, schema -> {
			if (is(schema, "array")) {
				schema.maxItems(10);
				return;
			}
			if (is(schema, "integer")) {
				schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(999_999_999));
				return;
			}
			schema.maxLength(max);
			if (pattern != null) {
				schema.pattern(pattern);
			}
		});
	}

	/**
	 * A list of at most {@code max} items; its strings (if it holds strings) bounded too.
	 */
	private static Map.Entry<String, Consumer<Schema<?>>> list(String name, int max, int itemMax, String itemPattern) {
		return Map.entry(name, schema -> {
			if (is(schema, "array")) {
				schema.maxItems(max);
			}
			else if (is(schema, "string") && itemMax > 0) {
				schema.maxLength(itemMax).pattern(itemPattern);
			}
		});
	}

	private static Map.Entry<String, Consumer<Schema<?>>> count(String name) {
		return Map.entry(name,
				schema -> schema.minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE)));
	}

	private static Map.Entry<String, Consumer<Schema<?>>> number(String name) {
		return Map.entry(name, schema -> {
			if (is(schema, "integer")) {
				schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(999_999_999));
			}
			else if (is(schema, "string")) {
				schema.maxLength(36).pattern(VERSION_REF);
			}
		});
	}

	/** A policy's count (0-5), or a change request's approvals (as many at most). */
	private static void approvals(Schema<?> schema) {
		if (is(schema, "integer")) {
			schema.minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(5));
		}
		else if (is(schema, "array")) {
			schema.maxItems(5);
		}
	}

	private static Map.Entry<String, Consumer<Schema<?>>> range(String name, int min, int max) {
		return Map.entry(name, schema -> {
			if (is(schema, "integer")) {
				schema.minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
			}
		});
	}

	private static Map.Entry<String, Consumer<Schema<?>>> index(String name) {
		return Map.entry(name, schema -> schema.minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(199)));
	}

}
