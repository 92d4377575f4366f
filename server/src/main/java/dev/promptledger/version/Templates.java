package dev.promptledger.version;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt templates: {@code {{name}}} placeholders (spaces inside the braces allowed),
 * where a name is a letter followed by letters, digits or '_'. A backslash right before a
 * placeholder makes it literal text ({@code \{{name}}} renders as {@code {{name}}}); any
 * other {@code {{} is literal as it stands.
 */
public final class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

	private Templates() {
	}

	/** The variables a content uses, in order of first use. */
	public static List<String> variables(String content) {
		if (!content.contains("{{")) {
			return List.of();
		}
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(content);
		while (matcher.find()) {
			if (matcher.group(1).isEmpty()) {
				names.add(matcher.group(2));
			}
		}
		return List.copyOf(names);
	}

	/**
	 * The content with every placeholder replaced; the names it needs but {@code values}
	 * lacks, if any. When the result would hold more than {@code maxBytes} bytes of
	 * UTF-8, it is not built: its size is computed first (a short value used many times
	 * must not cost memory before it is refused).
	 */
	public static Rendering render(String content, Map<String, String> values, long maxBytes) {
		List<String> used = variables(content);
		List<String> missing = new ArrayList<>();
		for (String name : used) {
			if (!values.containsKey(name)) {
				missing.add(name);
			}
		}
		if (!missing.isEmpty()) {
			return new Rendering(null, used, missing, 0);
		}
		long size = renderedBytes(content, values);
		if (size > maxBytes) {
			return new Rendering(null, used, List.of(), size);
		}
		Matcher matcher = PLACEHOLDER.matcher(content);
		StringBuilder out = new StringBuilder((int) Math.min(size, Integer.MAX_VALUE - 8));
		while (matcher.find()) {
			String replacement = matcher.group(1).isEmpty() ? values.get(matcher.group(2))
					: matcher.group(0).substring(1);
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return new Rendering(out.toString(), used, List.of(), size);
	}

	/** How many bytes of UTF-8 rendering {@code content} gives, every value given. */
	public static long renderedBytes(String content, Map<String, String> values) {
		Map<String, Long> valueBytes = new java.util.HashMap<>();
		Matcher matcher = PLACEHOLDER.matcher(content);
		long size = 0;
		int done = 0;
		while (matcher.find()) {
			size += utf8Bytes(content, done, matcher.start());
			size += matcher.group(1).isEmpty()
					? valueBytes.computeIfAbsent(matcher.group(2),
							name -> utf8Bytes(values.get(name), 0, values.get(name).length()))
					: utf8Bytes(content, matcher.start() + 1, matcher.end());
			done = matcher.end();
		}
		return size + utf8Bytes(content, done, content.length());
	}

	/** The bytes of UTF-8 of {@code text}, counted without encoding it. */
	public static long utf8Bytes(String text) {
		return utf8Bytes(text, 0, text.length());
	}

	private static long utf8Bytes(String text, int from, int to) {
		long bytes = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * What rendering gave: the text (null when variables are missing or it would be too
	 * large), the variables used, the missing ones, and its size in bytes of UTF-8 (when
	 * nothing is missing).
	 */
	public record Rendering(String content, List<String> used, List<String> missing, long bytes) {
	}

	/** The stored form of a variable list. */
	static String join(List<String> names) {
		return String.join(",", names);
	}

	static List<String> split(String stored) {
		return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
	}

}
