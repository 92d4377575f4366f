package dev.promptledger.version;

import java.io.StringReader;

import jakarta.json.JsonPatch;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The change between two configs as a JSON Patch (RFC 6902), computed by Jakarta JSON
 * Processing's diff (Eclipse Parsson). Its diff of two arrays fills a table of both
 * lengths, so where that table would exceed {@link #MAX_CELLS} for any pair of arrays at
 * one path, the patch is the coarser, still exact, replacement of the whole config.
 */
final class ConfigPatch {

	/** The largest array table one patch may fill: about 4 MB. */
	static final long MAX_CELLS = 1_000_000;

	private ConfigPatch() {
	}

	/** The patch that turns {@code from} into {@code to}; empty when they are equal. */
	static JsonNode between(JsonNode from, JsonNode to) {
		if (from.equals(to)) {
			return Json.NODES.arrayNode();
		}
		if (cells(from, to) > MAX_CELLS) {
			ArrayNode replace = Json.NODES.arrayNode(1);
			ObjectNode op = replace.addObject();
			op.put("op", "replace");
			op.put("path", "");
			op.set("value", to);
			return replace;
		}
		JsonPatch patch = jakarta.json.Json.createDiff(structure(from), structure(to));
		return Json.read(patch.toJsonArray().toString());
	}

	/** RFC 7396: {@code patch} merged into {@code target}, by Jakarta JSON Processing. */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		jakarta.json.JsonValue merged = jakarta.json.Json.createMergePatch(value(patch)).apply(value(target));
		return Json.read(merged.toString());
	}

	private static jakarta.json.JsonValue value(JsonNode node) {
		try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(Json.write(node)))) {
			return reader.readValue();
		}
	}

	/** The cells of the array tables a diff of the two values would fill. */
	private static long cells(JsonNode a, JsonNode b) {
		if (a.isArray() && b.isArray()) {
			long cells = (long) (a.size() + 1) * (b.size() + 1);
			int common = Math.min(a.size(), b.size());
			for (int i = 0; i < common && cells <= MAX_CELLS; i++) {
				cells += cells(a.get(i), b.get(i));
			}
			return cells;
		}
		if (a.isObject() && b.isObject()) {
			long cells = 0;
			for (String name : a.propertyNames()) {
				if (b.has(name) && cells <= MAX_CELLS) {
					cells += cells(a.get(name), b.get(name));
				}
			}
			return cells;
		}
		return 0;
	}

	private static JsonStructure structure(JsonNode value) {
		try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(Json.write(value)))) {
			return reader.read();
		}
	}

}
