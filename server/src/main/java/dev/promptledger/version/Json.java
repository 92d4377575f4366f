package dev.promptledger.version;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON values kept in versions (configs): their one canonical form of numbers, their
 * sorted and indented text for diffs, and the stored documents' reading and writing.
 * <p>
 * Numbers are values, as in JavaScript: {@code 1.0} and {@code 1} are the same number,
 * kept and returned as {@code 1}; {@code 0.50} is {@code 0.5}. Decimals keep every digit
 * (no binary rounding). Magnitudes beyond 1e308 or below 1e-308 are refused, as no model
 * API takes them and their plain form could be huge.
 */
public final class Json {

	/** The largest decimal exponent a number may have, either way. */
	static final int MAX_EXPONENT = 308;

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final JsonMapper PRETTY = MAPPER.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Json() {
	}

	/** An empty config. */
	public static ObjectNode emptyObject() {
		return NODES.objectNode();
	}

	/**
	 * A copy of {@code value} with every number in its canonical form.
	 * @throws IllegalArgumentException for a number out of range
	 */
	public static JsonNode normalize(JsonNode value) {
		if (value.isObject()) {
			ObjectNode copy = NODES.objectNode();
			for (Map.Entry<String, JsonNode> member : value.properties()) {
				copy.set(member.getKey(), normalize(member.getValue()));
			}
			return copy;
		}
		if (value.isArray()) {
			ArrayNode copy = NODES.arrayNode(value.size());
			for (JsonNode element : value) {
				copy.add(normalize(element));
			}
			return copy;
		}
		if (value.isNumber()) {
			return number(value.decimalValue());
		}
		return value.deepCopy();
	}

	private static JsonNode number(BigDecimal value) {
		if (value.signum() == 0) {
			return NODES.numberNode(0);
		}
		BigDecimal stripped = value.stripTrailingZeros();
		int exponent = stripped.precision() - stripped.scale() - 1;
		if (Math.abs(exponent) > MAX_EXPONENT) {
			throw new IllegalArgumentException("numbers must lie within 1e-" + MAX_EXPONENT + " and 1e" + MAX_EXPONENT);
		}
		if (stripped.scale() > 0) {
			return NODES.numberNode(stripped);
		}
		BigInteger integer = stripped.toBigIntegerExact();
		if (integer.bitLength() < 32) {
			return NODES.numberNode(integer.intValue());
		}
		if (integer.bitLength() < 64) {
			return NODES.numberNode(integer.longValue());
		}
		return NODES.numberNode(integer);
	}

	/** RFC 7396: {@code patch} merged into {@code target} (neither is changed). */
	public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
		return ConfigPatch.merge(target, patch);
	}

	/** How many levels deep {@code value} is: 1 for a scalar or an empty container. */
	public static int depth(JsonNode value) {
		int deepest = 0;
		if (value.isContainer()) {
			for (JsonNode child : value) {
				deepest = Math.max(deepest, depth(child));
			}
		}
		return 1 + deepest;
	}

	/** The compact text of {@code value}. */
	public static String write(JsonNode value) {
		return MAPPER.writeValueAsString(value);
	}

	/** Compact text's bytes of UTF-8. */
	public static int utf8Length(JsonNode value) {
		return MAPPER.writeValueAsBytes(value).length;
	}

	static JsonNode read(String text) {
		return MAPPER.readTree(text);
	}

	/** {@code value} with object members sorted by name and indented, for text diffs. */
	public static String sortedText(JsonNode value) {
		return PRETTY.writeValueAsString(sorted(value));
	}

	private static JsonNode sorted(JsonNode value) {
		if (value.isObject()) {
			List<String> names = new ArrayList<>(value.propertyNames());
			names.sort(null);
			ObjectNode copy = NODES.objectNode();
			for (String name : names) {
				copy.set(name, sorted(value.get(name)));
			}
			return copy;
		}
		if (value.isArray()) {
			ArrayNode copy = NODES.arrayNode(value.size());
			for (JsonNode element : value) {
				copy.add(sorted(element));
			}
			return copy;
		}
		return value;
	}

}
