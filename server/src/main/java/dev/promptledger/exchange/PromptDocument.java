package dev.promptledger.exchange;

import java.io.IOException;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A prompt as a JSON or YAML file: one object with {@code name} (optional: the file's
 * path names it otherwise), {@code type}, {@code content} or {@code messages},
 * {@code description}, {@code config} and {@code tags}, as the API's writes take them.
 * What an export adds about the version ({@code id}, {@code version}, {@code labels},
 * ...) is read over; anything else is an error, so that a typo is never silently dropped.
 */
final class PromptDocument {

	/** The fields an import takes. */
	static final Set<String> FIELDS = Set.of("name", "type", "content", "messages", "description", "config", "tags");

	/** What an export writes besides, about the version it was; an import leaves it. */
	static final Set<String> EXPORTED = Set.of("id", "version", "version_id", "content_sha256", "updated_at",
			"updated_by", "labels");

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final ObjectMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private PromptDocument() {
	}

	/** The fields of the prompt a file holds, without those of an export. */
	static ObjectNode read(String text, String fileName) throws IOException {
		boolean yaml = !fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
		JsonNode tree;
		try {
			tree = (yaml ? YAML : JSON).readTree(text);
		}
		catch (JacksonException ex) {
			String message = ex.getOriginalMessage() == null ? "unreadable"
					: ex.getOriginalMessage().lines().findFirst().orElse("");
			throw new IOException("not valid " + (yaml ? "YAML" : "JSON") + ": " + message);
		}
		if (tree == null || !tree.isObject()) {
			throw new IOException("must hold one prompt object (name, type, content or messages, config, tags)");
		}
		ObjectNode fields = (ObjectNode) tree;
		for (String key : EXPORTED) {
			fields.remove(key);
		}
		for (String key : fields.propertyNames()) {
			if (!FIELDS.contains(key)) {
				throw new IOException("'" + key + "' is not a field of a prompt (" + String.join(", ", FIELDS) + ")");
			}
		}
		return fields;
	}

	/** A chat prompt as an export writes it: indented JSON, ending with a newline. */
	static String write(ObjectNode prompt) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(prompt) + "\n";
	}

}
