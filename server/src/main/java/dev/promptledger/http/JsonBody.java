package dev.promptledger.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.promptledger.http.ApiException.FieldError;

/**
 * A request body read strictly: one JSON object, no duplicate keys, bounded nesting, no
 * field the endpoint does not know, and no coercion between JSON types. Field problems
 * are collected and reported together as one 400 {@code validation_failed}.
 */
public final class JsonBody {

	static final int MAX_NESTING_DEPTH = 32;

	/**
	 * The most JSON tokens a body may hold: far above any real request, and a bound on
	 * the tree a body becomes (eight MiB of tiny members would otherwise be a tree of
	 * hundreds of MiB).
	 */
	static final long MAX_TOKENS = 100_000;

	private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.streamReadConstraints(
				StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).maxTokenCount(MAX_TOKENS).build())
		.build()).enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

	private final JsonNode node;

	private final List<FieldError> errors = new ArrayList<>();

	private JsonBody(JsonNode node) {
		this.node = node;
	}

	/**
	 * Parses {@code body} as a JSON object with only the {@code allowed} members.
	 * @param readOnly members that exist on the resource but cannot be written, named as
	 * such
	 */
	public static JsonBody parse(byte[] body, Set<String> allowed, Set<String> readOnly) {
		JsonBody parsed = new JsonBody(tree(body));
		if (!parsed.node.isObject()) {
			throw new ApiException(ErrorCode.VALIDATION_FAILED, "The body must be a JSON object.",
					Map.of("errors", List.of(new FieldError("", "must be a JSON object"))));
		}
		for (String name : parsed.node.propertyNames()) {
			if (readOnly.contains(name)) {
				parsed.errors.add(new FieldError(name, "is read-only"));
			}
			else if (!allowed.contains(name)) {
				parsed.errors.add(new FieldError(name, "is not a known field"));
			}
		}
		return parsed;
	}

	/**
	 * An empty body stands for an empty object (for endpoints whose body is optional).
	 */
	public static JsonBody parseOptional(byte[] body, Set<String> allowed, Set<String> readOnly) {
		return isBlank(body) ? parse("{}".getBytes(), allowed, readOnly) : parse(body, allowed, readOnly);
	}

	/**
	 * A JSON value given as text (a form's field), read as strictly as a body.
	 * @throws ApiException {@code malformed_json} saying what is wrong with it
	 */
	public static JsonNode value(String text) {
		return tree(text.getBytes(StandardCharsets.UTF_8));
	}

	private static JsonNode tree(byte[] body) {
		if (isBlank(body)) {
			throw new ApiException(ErrorCode.MALFORMED_JSON, "The request needs a JSON body.");
		}
		try {
			// Jackson decodes overlong forms (C0 AF as '/'); only well-formed UTF-8 may
			// reach it
			StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			throw new ApiException(ErrorCode.MALFORMED_JSON, "The body is not valid UTF-8.");
		}
		try {
			JsonNode tree = STRICT.readTree(body);
			if (tree == null || tree.isMissingNode()) {
				throw new ApiException(ErrorCode.MALFORMED_JSON, "The request needs a JSON body.");
			}
			return tree;
		}
		catch (JacksonException ex) {
			throw new ApiException(ErrorCode.MALFORMED_JSON, "The body is not valid JSON: " + reason(ex));
		}
	}

	private static String reason(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null) {
			return "unreadable";
		}
		int cut = message.indexOf('\n');
		String line = cut < 0 ? message : message.substring(0, cut);
		return line.length() > 200 ? line.substring(0, 200) : line;
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

	public boolean has(String field) {
		return this.node.has(field);
	}

	public boolean isNull(String field) {
		return this.node.has(field) && this.node.get(field).isNull();
	}

	/**
	 * A string member; null when absent or JSON null (the caller decides whether that is
	 * allowed).
	 */
	public String string(String field, boolean required) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				this.errors.add(new FieldError(field, value == null ? "is required" : "must not be null"));
			}
			return null;
		}
		if (!value.isString()) {
			this.errors.add(new FieldError(field, "must be a string"));
			return null;
		}
		String text = value.stringValue();
		String problem = TextRules.problem(text);
		if (problem != null) {
			this.errors.add(new FieldError(field, problem));
			return null;
		}
		return text;
	}

	/** A boolean member; {@code fallback} when absent. */
	public boolean bool(String field, boolean fallback) {
		JsonNode value = this.node.get(field);
		if (value == null) {
			return fallback;
		}
		if (!value.isBoolean()) {
			this.errors.add(new FieldError(field, "must be true or false"));
			return fallback;
		}
		return value.booleanValue();
	}

	/** The raw member, for endpoints with members of more than one type. */
	public JsonNode raw(String field) {
		return this.node.get(field);
	}

	public void reject(String field, String message) {
		this.errors.add(new FieldError(field, message));
	}

	/** Throws the collected field problems, if any. */
	public void validate() {
		if (!this.errors.isEmpty()) {
			throw ApiException.validation(this.errors);
		}
	}

}
