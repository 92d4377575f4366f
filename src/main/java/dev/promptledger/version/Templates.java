package dev.promptledger.version;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt templates: {@code {{name}}} placeholders (spaces inside the braces allowed), where a name is
 * a letter followed by letters, digits or '_'. A backslash right before a placeholder makes it literal
 * text ({@code \{{name}}} renders as {@code {{name}}}); any other {@code {{} is literal as it stands.
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

	/** The content with every placeholder replaced; the names it needs but {@code values} lacks, if any. */
	public static Rendering render(String content, Map<String, String> values) {
		List<String> missing = new ArrayList<>();
		for (String name : variables(content)) {
			if (!values.containsKey(name)) {
				missing.add(name);
			}
		}
		if (!missing.isEmpty()) {
			return new Rendering(null, variables(content), missing);
		}
		Matcher matcher = PLACEHOLDER.matcher(content);
		StringBuilder out = new StringBuilder(content.length());
		while (matcher.find()) {
			String replacement = matcher.group(1).isEmpty() ? values.get(matcher.group(2))
					: matcher.group(0).substring(1);
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return new Rendering(out.toString(), variables(content), List.of());
	}

	/** What rendering gave: the text (null when variables are missing), the variables used, the missing ones. */
	public record Rendering(String content, List<String> used, List<String> missing) {
	}

	/** The stored form of a variable list. */
	static String join(List<String> names) {
		return String.join(",", names);
	}

	static List<String> split(String stored) {
		return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
	}

}
