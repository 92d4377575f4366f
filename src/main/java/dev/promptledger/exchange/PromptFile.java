package dev.promptledger.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A prompt as a file: its content, after front matter between two {@code ---} lines that
 * holds its metadata as {@code key: value} lines, each value JSON (so also valid YAML).
 * The content follows the closing line byte for byte, so export and import give back
 * exactly what was stored. A file without front matter is all content.
 */
record PromptFile(Map<String, JsonNode> meta, String content) {

	private static final String FENCE = "---\n";

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		Map<String, JsonNode> meta = new LinkedHashMap<>();
		String front = end >= FENCE.length() ? body.substring(FENCE.length(), end) : "";
		for (String line : front.split("\n")) {
			int colon = line.indexOf(':');
			if (line.isBlank() || line.startsWith("#") || colon < 0) {
				continue;
			}
			meta.put(line.substring(0, colon).trim(), value(line.substring(colon + 1).trim()));
		}
		return new PromptFile(meta, body.substring(end + 1 + FENCE.length()));
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
