package dev.promptledger.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Prompts as files, in the format of the server's {@code export} and {@code import}: a
 * text prompt as {@code <name>.md} (or {@code .txt}), its metadata in front matter
 * between two {@code ---} lines ({@code key: value}, each value JSON) and its content
 * after, byte for byte; a chat prompt as {@code <name>.json}, one object with
 * {@code type: "chat"}, its messages, config and tags. A name's segments are folders.
 * What an export writes about the version ({@code id}, {@code version}, {@code labels},
 * ...) is read over.
 */
final class PromptFiles {

	/**
	 * A prompt as a file says it; absent fields are null ({@code description}: left as it
	 * is).
	 */
	record Local(Path file, String name, String type, String content, JsonNode messages, boolean hasDescription,
			String description, JsonNode config, JsonNode tags) {

		boolean isChat() {
			return "chat".equals(this.type);
		}

	}

	private static final String FENCE = "---\n";

	private static final Set<String> FIELDS = Set.of("name", "type", "content", "messages", "description", "config",
			"tags");

	private static final Set<String> EXPORTED = Set.of("id", "version", "version_id", "content_sha256", "updated_at",
			"updated_by", "labels");

	private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

	private PromptFiles() {
	}

	/** Every prompt file under {@code dir}, by name. */
	static Map<String, Local> read(Path dir) throws IOException {
		Map<String, Local> prompts = new TreeMap<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(dir)) {
			files = walk.filter(Files::isRegularFile).filter(PromptFiles::isPromptFile).sorted().toList();
		}
		for (Path file : files) {
			Local prompt = read(dir, file);
			Local clash = prompts.put(prompt.name(), prompt);
			if (clash != null) {
				throw new IOException(file + " and " + clash.file() + " are both the prompt '" + prompt.name() + "'");
			}
		}
		return prompts;
	}

	static boolean isPromptFile(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && (name.endsWith(".md") || name.endsWith(".txt") || name.endsWith(".json"));
	}

	static Local read(Path dir, Path file) throws IOException {
		String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
		String fromPath = relative.substring(0, relative.lastIndexOf('.'));
		String text = Files.readString(file, StandardCharsets.UTF_8);
		if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
			return document(file, fromPath, text);
		}
		String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
		ObjectNode meta = NODES.objectNode();
		String content = body;
		if (body.startsWith(FENCE)) {
			int end = body.indexOf("\n" + FENCE, FENCE.length() - 1);
			if (end >= 0) {
				String front = end >= FENCE.length() ? body.substring(FENCE.length(), end) : "";
				for (String line : front.split("\n")) {
					int colon = line.indexOf(':');
					if (line.isBlank() || line.startsWith("#") || colon < 0) {
						continue;
					}
					meta.set(line.substring(0, colon).trim(), value(line.substring(colon + 1).trim()));
				}
				content = body.substring(end + 1 + FENCE.length());
			}
		}
		check(file, meta);
		if (meta.has("type") && !"text".equals(meta.get("type").asText())) {
			throw new IOException(file + ": a chat prompt is a .json file");
		}
		return new Local(file, name(meta, fromPath), "text", content, null, meta.has("description"),
				text(meta.get("description")), meta.get("config"), meta.get("tags"));
	}

	private static Local document(Path file, String fromPath, String text) throws IOException {
		JsonNode tree;
		try {
			tree = Transport.JSON.reader().with(NODES).readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IOException(file + ": not valid JSON: " + ex.getOriginalMessage());
		}
		if (tree == null || !tree.isObject()) {
			throw new IOException(file + ": must hold one prompt object");
		}
		ObjectNode fields = (ObjectNode) tree;
		check(file, fields);
		String type = fields.has("type") ? fields.get("type").asText() : fields.has("messages") ? "chat" : "text";
		if (!type.equals("chat") && !type.equals("text")) {
			throw new IOException(file + ": type must be \"text\" or \"chat\"");
		}
		if (type.equals("chat") && !(fields.get("messages") instanceof ArrayNode)) {
			throw new IOException(file + ": a chat prompt needs its messages");
		}
		if (type.equals("text") && (fields.get("content") == null || !fields.get("content").isTextual())) {
			throw new IOException(file + ": a text prompt needs its content");
		}
		return new Local(file, name(fields, fromPath), type,
				type.equals("text") ? fields.get("content").asText() : null, fields.get("messages"),
				fields.has("description"), text(fields.get("description")), fields.get("config"), fields.get("tags"));
	}

	private static void check(Path file, ObjectNode fields) throws IOException {
		Iterator<String> names = fields.fieldNames();
		List<String> unknown = new ArrayList<>();
		while (names.hasNext()) {
			String name = names.next();
			if (!FIELDS.contains(name) && !EXPORTED.contains(name)) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			throw new IOException(file + ": " + unknown + " is not a field of a prompt ("
					+ String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
		}
	}

	private static String name(ObjectNode meta, String fromPath) {
		JsonNode name = meta.get("name");
		return name == null || name.isNull() ? fromPath : name.asText();
	}

	private static String text(JsonNode value) {
		return value == null || value.isNull() ? null : value.asText();
	}

	/** A front matter value: JSON, or the raw text of a hand-written line. */
	private static JsonNode value(String raw) {
		if (raw.isEmpty()) {
			return NODES.nullNode();
		}
		try {
			return Transport.JSON.reader().with(NODES).readTree(raw);
		}
		catch (JsonProcessingException ex) {
			return NODES.textNode(raw);
		}
	}

	/** The file a prompt is written to under {@code dir}. */
	static Path fileOf(Path dir, String name, boolean chat) throws IOException {
		for (String segment : name.split("/")) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw new IOException("the name '" + name + "' cannot be a path");
			}
		}
		return dir.resolve(name + (chat ? ".json" : ".md"));
	}

	/**
	 * A text prompt's file: front matter with its name, description, config and tags,
	 * then its content.
	 */
	static String text(String name, String description, JsonNode config, JsonNode tags, String content) {
		StringBuilder out = new StringBuilder(FENCE);
		out.append("name: ").append(NODES.textNode(name)).append('\n');
		out.append("description: ").append(description == null ? "null" : NODES.textNode(description)).append('\n');
		if (config != null && config.size() > 0) {
			out.append("config: ").append(json(config)).append('\n');
		}
		if (tags != null && tags.size() > 0) {
			out.append("tags: ").append(json(tags)).append('\n');
		}
		return out.append(FENCE).append(content).toString();
	}

	/** A chat prompt's file: indented JSON, ending with a newline. */
	static String chat(String name, String description, JsonNode messages, JsonNode config, JsonNode tags) {
		ObjectNode document = NODES.objectNode();
		document.put("name", name);
		document.put("type", "chat");
		document.put("description", description);
		document.set("messages", messages);
		document.set("config", config == null ? NODES.objectNode() : config);
		document.set("tags", tags == null ? NODES.arrayNode() : tags);
		try {
			return Transport.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document) + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String json(JsonNode value) {
		return value.toString();
	}

	/**
	 * A value with its numbers in one form ({@code 1.0} and {@code 1} are one number, as
	 * the server keeps them), for comparing.
	 */
	static JsonNode canonical(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			BigDecimal number = value.decimalValue().stripTrailingZeros();
			return NODES.numberNode(number.scale() < 0 ? number.setScale(0) : number);
		}
		if (value.isObject()) {
			ObjectNode copy = NODES.objectNode();
			value.fields().forEachRemaining(member -> copy.set(member.getKey(), canonical(member.getValue())));
			return copy;
		}
		if (value.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			value.forEach(item -> copy.add(canonical(item)));
			return copy;
		}
		return value;
	}

}
