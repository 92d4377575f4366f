package dev.promptledger.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A prompt as a file: its content, after front matter between two {@code ---} lines that
 * holds its metadata as YAML ({@code key: value} lines, each value JSON, when written).
 * The content follows the closing line byte for byte, so export and import give back
 * exactly what was stored. A file without front matter is all content.
 */
record PromptFile(Map<String, JsonNode> meta, String content) {

	private static final String FENCE = "---\n";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final tools.jackson.dataformat.yaml.YAMLMapper YAML = tools.jackson.dataformat.yaml.YAMLMapper
		.builder()
		.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	static String write(Map<String, Object> meta, String content) {
		StringBuilder out = new StringBuilder(FENCE);
		meta.forEach((key, value) -> out.append(key).append(": ").append(JSON.writeValueAsString(value)).append('\n'));
		return out.append(FENCE).append(content).toString();
	}

	static PromptFile read(String text) {
		String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
		if (!body.startsWith(FENCE)) {
			return new PromptFile(Map.of(), body);
		}
		int end = body.indexOf("\n" + FENCE, FENCE.length() - 1);
		if (end < 0) {
			return new PromptFile(Map.of(), body);
		}
		String front = end >= FENCE.length() ? body.substring(FENCE.length(), end) : "";
		return new PromptFile(meta(front), body.substring(end + 1 + FENCE.length()));
	}

	/**
	 * Front matter as YAML (what an export writes is YAML too: one key a line, each value
	 * JSON); where it is not valid YAML, each {@code key: value} line on its own.
	 */
	private static Map<String, JsonNode> meta(String front) {
		Map<String, JsonNode> meta = new LinkedHashMap<>();
		try {
			JsonNode tree = YAML.readTree(front);
			if (tree != null && tree.isObject()) {
				tree.properties().forEach(member -> meta.put(member.getKey(), member.getValue()));
				return meta;
			}
		}
		catch (JacksonException ex) {
			// hand-written lines such as "name: a: b" are read one by one below
		}
		for (String line : front.split("\n")) {
			int colon = line.indexOf(':');
			if (line.isBlank() || line.startsWith("#") || colon < 0) {
				continue;
			}
			meta.put(line.substring(0, colon).trim(), value(line.substring(colon + 1).trim()));
		}
		return meta;
	}

	/**
	 * A JSON value, or the raw text for hand-written front matter such as
	 * {@code name: support/greeting}.
	 */
	private static JsonNode value(String raw) {
		if (raw.isEmpty()) {
			return JSON.getNodeFactory().nullNode();
		}
		try {
			return JSON.readTree(raw);
		}
		catch (JacksonException ex) {
			return JSON.getNodeFactory().textNode(raw);
		}
	}

	/** The text of a key, or null when it is absent or null. */
	String text(String key) {
		JsonNode value = this.meta.get(key);
		return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
	}

	boolean has(String key) {
		return this.meta.containsKey(key);
	}

}
