package dev.promptledger.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's template rules, for rendering without a round trip: {@code {{name}}}
 * (spaces inside the braces allowed), a name being a letter followed by letters, digits
 * or {@code _}; a backslash right before a placeholder makes it literal and is dropped;
 * any other {@code {{} is literal as it stands. The integration tests hold these to the
 * server's answers.
 */
final class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

	private Templates() {
	}

	/** The variables a text uses, in order of first use. */
	static List<String> variables(String text) {
		if (!text.contains("{{")) {
			return List.of();
		}
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			if (matcher.group(1).isEmpty()) {
				names.add(matcher.group(2));
			}
		}
		return List.copyOf(names);
	}

	/** The variables and placeholders of a chat, in order of first use. */
	static List<String> variables(List<Message> messages) {
		Set<String> names = new LinkedHashSet<>();
		for (Message message : messages) {
			if (message.isPlaceholder()) {
				names.add(message.placeholder());
			}
			else {
				names.addAll(variables(message.content()));
			}
		}
		return List.copyOf(names);
	}

	/** The text with every placeholder filled; every value it needs is there. */
	static String fill(String text, Map<String, String> values) {
		if (!text.contains("{{")) {
			return text;
		}
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder(text.length());
		while (matcher.find()) {
			String replacement = matcher.group(1).isEmpty() ? values.get(matcher.group(2))
					: matcher.group(0).substring(1);
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/**
	 * A text prompt rendered, or {@code missing_variables} naming every missing one;
	 * placeholders given to a text are unused.
	 */
	static Rendered render(String content, Map<String, String> variables, Set<String> placeholders, int version) {
		List<String> used = variables(content);
		List<String> missing = new ArrayList<>();
		for (String name : used) {
			if (!variables.containsKey(name)) {
				missing.add(name);
			}
		}
		if (!missing.isEmpty()) {
			throw PromptLedgerException.missingVariables(missing);
		}
		return new Rendered(fill(content, variables), null, used, unused(used, variables.keySet(), placeholders),
				version);
	}

	/**
	 * A chat prompt rendered: each message's variables filled, each placeholder replaced
	 * by the messages given for it.
	 */
	static Rendered render(List<Message> messages, Map<String, String> variables,
			Map<String, List<Message>> placeholders, int version) {
		List<String> used = variables(messages);
		Set<String> missing = new LinkedHashSet<>();
		for (Message message : messages) {
			if (message.isPlaceholder()) {
				if (!placeholders.containsKey(message.placeholder())) {
					missing.add(message.placeholder());
				}
			}
			else {
				for (String name : variables(message.content())) {
					if (!variables.containsKey(name)) {
						missing.add(name);
					}
				}
			}
		}
		if (!missing.isEmpty()) {
			throw PromptLedgerException.missingVariables(List.copyOf(missing));
		}
		List<Message> rendered = new ArrayList<>();
		for (Message message : messages) {
			if (message.isPlaceholder()) {
				rendered.addAll(placeholders.get(message.placeholder()));
			}
			else {
				rendered.add(Message.of(message.role(), fill(message.content(), variables)));
			}
		}
		return new Rendered(null, List.copyOf(rendered), used, unused(used, variables.keySet(), placeholders.keySet()),
				version);
	}

	private static List<String> unused(List<String> used, Set<String> variables, Set<String> placeholders) {
		Set<String> unused = new LinkedHashSet<>(variables);
		unused.addAll(placeholders);
		unused.removeAll(used);
		return List.copyOf(unused);
	}

}
