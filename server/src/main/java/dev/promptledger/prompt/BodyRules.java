package dev.promptledger.prompt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.NameRules;
import dev.promptledger.http.TextRules;
import dev.promptledger.version.ChatItem;
import dev.promptledger.version.Json;

/**
 * The rules of the structured parts of a prompt (Structured prompts in the contract):
 * chat messages, config and tags, read from a request body with every problem named by
 * its field.
 */
final class BodyRules {

	static final int MAX_MESSAGES = 200;

	static final int MAX_ROLE_CHARS = 50;

	static final int MAX_PLACEHOLDER_CHARS = 100;

	static final int MAX_CONFIG_BYTES = 64 * 1024;

	static final int MAX_CONFIG_DEPTH = 20;

	static final int MAX_TAGS = 50;

	static final int MAX_TAG_CHARS = 50;

	static final Pattern ROLE = Pattern.compile("[a-z0-9_-]{1," + MAX_ROLE_CHARS + "}");

	static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0," + (MAX_PLACEHOLDER_CHARS - 1) + "}");

	private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

	private static final Set<String> PLACEHOLDER_FIELDS = Set.of("type", "name");

	private BodyRules() {
	}

	/**
	 * The messages of {@code field}, or null when absent or invalid (the problems are in
	 * {@code body}); 413 when their contents pass {@code maxContentBytes}.
	 */
	static List<ChatItem> messages(JsonBody body, String field, long maxContentBytes) {
		JsonNode value = body.raw(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isArray() || value.isEmpty() || value.size() > MAX_MESSAGES) {
			body.reject(field, "must be a list of 1 to " + MAX_MESSAGES + " messages");
			return null;
		}
		List<ChatItem> items = new ArrayList<>(value.size());
		long bytes = 0;
		for (int i = 0; i < value.size(); i++) {
			String at = field + "[" + i + "]";
			ChatItem item = item(body, at, value.get(i));
			if (item != null) {
				items.add(item);
				bytes += item.isPlaceholder() ? 0 : item.content().getBytes(StandardCharsets.UTF_8).length;
			}
		}
		if (bytes > maxContentBytes) {
			throw new ApiException(ErrorCode.CONTENT_TOO_LARGE,
					"The messages' contents are larger than " + maxContentBytes + " bytes of UTF-8.");
		}
		return items.size() == value.size() ? items : null;
	}

	private static ChatItem item(JsonBody body, String at, JsonNode item) {
		if (!item.isObject()) {
			body.reject(at, "must be {\"role\", \"content\"} or {\"type\": \"placeholder\", \"name\"}");
			return null;
		}
		boolean placeholder = item.has("type");
		Set<String> allowed = placeholder ? PLACEHOLDER_FIELDS : MESSAGE_FIELDS;
		boolean known = true;
		for (String name : item.propertyNames()) {
			if (!allowed.contains(name)) {
				body.reject(at + "." + name, "is not a known field");
				known = false;
			}
		}
		if (placeholder) {
			JsonNode type = item.get("type");
			if (!type.isString() || !"placeholder".equals(type.stringValue())) {
				body.reject(at + ".type", "must be \"placeholder\" (a message has no type)");
				return null;
			}
			String name = string(body, at + ".name", item.get("name"));
			if (name != null && !VARIABLE.matcher(name).matches()) {
				body.reject(at + ".name", "must be a letter followed by letters, digits or '_', at most "
						+ MAX_PLACEHOLDER_CHARS + " characters");
				return null;
			}
			return known && name != null ? ChatItem.placeholder(name) : null;
		}
		String role = string(body, at + ".role", item.get("role"));
		if (role != null && !ROLE.matcher(role).matches()) {
			body.reject(at + ".role", "must be 1 to " + MAX_ROLE_CHARS
					+ " lowercase ASCII letters, digits, '_' or '-' (system, developer, user, assistant, tool)");
			role = null;
		}
		String content = string(body, at + ".content", item.get("content"));
		return known && role != null && content != null ? ChatItem.message(role, content) : null;
	}

	private static String string(JsonBody body, String field, JsonNode value) {
		if (value == null || value.isNull()) {
			body.reject(field, "is required");
			return null;
		}
		if (!value.isString()) {
			body.reject(field, "must be a string");
			return null;
		}
		String problem = TextRules.problem(value.stringValue());
		if (problem != null) {
			body.reject(field, problem);
			return null;
		}
		return value.stringValue();
	}

	/**
	 * The config of {@code field} with its numbers in canonical form, or null when
	 * absent, JSON null, or invalid.
	 */
	static JsonNode config(JsonBody body, String field) {
		JsonNode value = body.raw(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			body.reject(field, "must be a JSON object");
			return null;
		}
		return checkedConfig(body, field, value);
	}

	/** {@code config} normalized, or null with its problem in {@code body}. */
	static JsonNode checkedConfig(JsonBody body, String field, JsonNode config) {
		try {
			return normalizedConfig(config);
		}
		catch (IllegalArgumentException ex) {
			body.reject(field, ex.getMessage());
			return null;
		}
	}

	/**
	 * {@code config} held to the config's rules and with its numbers in canonical form.
	 * @throws IllegalArgumentException saying which rule it breaks
	 */
	static JsonNode normalizedConfig(JsonNode config) {
		String problem = textProblem(config);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		if (Json.depth(config) > MAX_CONFIG_DEPTH) {
			throw new IllegalArgumentException("must be at most " + MAX_CONFIG_DEPTH + " levels deep");
		}
		JsonNode normalized = Json.normalize(config);
		if (Json.utf8Length(normalized) > MAX_CONFIG_BYTES) {
			throw new IllegalArgumentException("must be at most " + MAX_CONFIG_BYTES + " bytes of JSON (64 KiB)");
		}
		return normalized;
	}

	/** Why a string in {@code value} (a member name or a value) cannot be stored. */
	private static String textProblem(JsonNode value) {
		if (value.isString()) {
			return TextRules.problem(value.stringValue());
		}
		if (value.isObject()) {
			for (Map.Entry<String, JsonNode> member : value.properties()) {
				String problem = TextRules.problem(member.getKey());
				problem = problem != null ? problem : textProblem(member.getValue());
				if (problem != null) {
					return problem;
				}
			}
		}
		if (value.isArray()) {
			for (JsonNode element : value) {
				String problem = textProblem(element);
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

	/** The tags of {@code field}, or null when absent or invalid. */
	static List<String> tags(JsonBody body, String field) {
		return names(body, field, MAX_TAGS, MAX_TAG_CHARS, "tags");
	}

	/** The label names of {@code field}, or null when absent or invalid. */
	static List<String> labels(JsonBody body, String field) {
		return names(body, field, MAX_TAGS, 50, "labels");
	}

	private static List<String> names(JsonBody body, String field, int max, int maxChars, String what) {
		JsonNode value = body.raw(field);
		if (value == null) {
			return null;
		}
		if (!value.isArray() || value.size() > max) {
			body.reject(field, "must be a list of at most " + max + " " + what);
			return null;
		}
		Set<String> names = new LinkedHashSet<>();
		boolean valid = true;
		for (int i = 0; i < value.size(); i++) {
			JsonNode name = value.get(i);
			String problem = !name.isString() ? "must be a string"
					: NameRules.segmentProblem(name.stringValue(), maxChars);
			if (problem == null && !names.add(name.stringValue())) {
				problem = "is given twice";
			}
			if (problem != null) {
				body.reject(field + "[" + i + "]", problem);
				valid = false;
			}
		}
		return valid ? List.copyOf(names) : null;
	}

}
