package dev.promptledger.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.promptledger.version.Body;
import dev.promptledger.version.ChatItem;
import dev.promptledger.version.Templates;

/**
 * Render of a version's body: a text's content, or a chat's messages, with every
 * {@code {{variable}}} filled and every placeholder item replaced by the messages given
 * for it. Its size in bytes of UTF-8 (the contents rendered) is computed before anything
 * is built, so an answer over the limit costs no memory.
 */
public final class Renderer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A message given for a placeholder. */
	public record Message(String role, String content) {

		/** What each message given for a placeholder must be. */
		public static final String RULE = "must be {\"role\", \"content\"} with a role of lowercase ASCII letters, "
				+ "digits, '_' or '-'";

		/**
		 * The messages of a placeholder's list, each exactly {@code {role, content}} with
		 * a role by the rule of chat roles; {@code invalid} hears the index of each item
		 * that is not, which is left out.
		 */
		public static List<Message> listOf(JsonNode items, IntConsumer invalid) {
			List<Message> messages = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				JsonNode message = items.get(i);
				JsonNode role = message.get("role");
				JsonNode content = message.get("content");
				if (!message.isObject() || message.size() != 2 || role == null || !role.isString()
						|| !BodyRules.ROLE.matcher(role.stringValue()).matches() || content == null
						|| !content.isString()) {
					invalid.accept(i);
					continue;
				}
				messages.add(new Message(role.stringValue(), content.stringValue()));
			}
			return messages;
		}

	}

	/**
	 * What rendering gave: the content or the messages (both null when something is
	 * missing or the answer is too large), the names used, given but unused, and missing,
	 * and the size.
	 */
	public record Result(String content, ArrayNode messages, List<String> used, List<String> unused,
			List<String> missing, long bytes) {

		public boolean tooLarge() {
			return this.missing.isEmpty() && this.content == null && this.messages == null;
		}

	}

	private Renderer() {
	}

	public static Result render(Body body, Map<String, String> variables, Map<String, List<Message>> placeholders,
			long maxBytes) {
		List<String> used = body.variables();
		List<String> missing = missing(body, variables, placeholders);
		Set<String> unused = new LinkedHashSet<>(variables.keySet());
		unused.addAll(placeholders.keySet());
		unused.removeAll(used);
		List<String> unusedList = List.copyOf(unused);
		if (!missing.isEmpty()) {
			return new Result(null, null, used, unusedList, missing, 0);
		}
		long bytes = size(body, variables, placeholders);
		if (bytes > maxBytes) {
			return new Result(null, null, used, unusedList, List.of(), bytes);
		}
		if (body.messages() == null) {
			String content = Templates.render(body.content(), variables, maxBytes).content();
			return new Result(content, null, used, unusedList, List.of(), bytes);
		}
		ArrayNode messages = JSON.createArrayNode();
		for (ChatItem item : body.messages()) {
			if (item.isPlaceholder()) {
				for (Message message : placeholders.get(item.placeholder())) {
					add(messages, message.role(), message.content());
				}
			}
			else {
				add(messages, item.role(), Templates.render(item.content(), variables, maxBytes).content());
			}
		}
		return new Result(null, messages, used, unusedList, List.of(), bytes);
	}

	private static void add(ArrayNode messages, String role, String content) {
		ObjectNode message = messages.addObject();
		message.put("role", role);
		message.put("content", content);
	}

	/**
	 * The variables and placeholders the body needs and the request lacks; a name used as
	 * both needs both.
	 */
	private static List<String> missing(Body body, Map<String, String> variables,
			Map<String, List<Message>> placeholders) {
		Set<String> missing = new LinkedHashSet<>();
		if (body.messages() == null) {
			for (String name : body.variables()) {
				if (!variables.containsKey(name)) {
					missing.add(name);
				}
			}
			return List.copyOf(missing);
		}
		for (ChatItem item : body.messages()) {
			if (item.isPlaceholder()) {
				if (!placeholders.containsKey(item.placeholder())) {
					missing.add(item.placeholder());
				}
			}
			else {
				for (String name : Templates.variables(item.content())) {
					if (!variables.containsKey(name)) {
						missing.add(name);
					}
				}
			}
		}
		return new ArrayList<>(missing);
	}

	private static long size(Body body, Map<String, String> variables, Map<String, List<Message>> placeholders) {
		if (body.messages() == null) {
			return Templates.renderedBytes(body.content(), variables);
		}
		long bytes = 0;
		// a placeholder used many times is measured once (its list may be megabytes)
		Map<String, Long> lists = new java.util.HashMap<>();
		for (ChatItem item : body.messages()) {
			if (item.isPlaceholder()) {
				bytes += lists.computeIfAbsent(item.placeholder(), name -> {
					long listed = 0;
					for (Message message : placeholders.get(name)) {
						listed += Templates.utf8Bytes(message.content());
					}
					return listed;
				});
			}
			else {
				bytes += Templates.renderedBytes(item.content(), variables);
			}
		}
		return bytes;
	}

}
