package dev.promptledger.version;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a version holds besides its name and description: a text's {@code content} or a
 * chat's {@code messages} (exactly one of them), and its {@code config} (a JSON object,
 * never mutated once in a body).
 * <p>
 * It is stored in the content store as one text: a text prompt without config as its
 * content itself (as before chat prompts existed, so a node of the previous release reads
 * it), anything else as a JSON document {@code {"type", "content" | "messages",
 * "config"}}.
 */
public record Body(String content, List<ChatItem> messages, JsonNode config) {

	public Body {
		if ((content == null) == (messages == null)) {
			throw new IllegalArgumentException("a body has a content or messages");
		}
		messages = messages == null ? null : List.copyOf(messages);
		Objects.requireNonNull(config, "config");
		if (!config.isObject()) {
			throw new IllegalArgumentException("a config is a JSON object");
		}
	}

	public static Body text(String content) {
		return new Body(content, null, Json.emptyObject());
	}

	public static Body text(String content, JsonNode config) {
		return new Body(content, null, config);
	}

	public static Body chat(List<ChatItem> messages, JsonNode config) {
		return new Body(null, messages, config);
	}

	public PromptType type() {
		return this.messages == null ? PromptType.TEXT : PromptType.CHAT;
	}

	/** Whether the stored form is a JSON document rather than the content itself. */
	public boolean storedAsDocument() {
		return this.messages != null || !this.config.isEmpty();
	}

	/** The text the content store keeps for this body. */
	public String stored() {
		if (!storedAsDocument()) {
			return this.content;
		}
		ObjectNode document = Json.emptyObject();
		document.put("type", type().wireName());
		if (this.messages != null) {
			document.set("messages", messagesJson());
		}
		else {
			document.put("content", this.content);
		}
		document.set("config", this.config);
		return Json.write(document);
	}

	/** The body a stored text holds. */
	public static Body fromStored(String stored, boolean document) {
		if (!document) {
			return text(stored);
		}
		JsonNode parsed = Json.read(stored);
		JsonNode config = parsed.get("config");
		if ("chat".equals(parsed.get("type").stringValue())) {
			List<ChatItem> items = new ArrayList<>();
			for (JsonNode item : parsed.get("messages")) {
				items.add(item.has("role")
						? ChatItem.message(item.get("role").stringValue(), item.get("content").stringValue())
						: ChatItem.placeholder(item.get("name").stringValue()));
			}
			return chat(items, config);
		}
		return text(parsed.get("content").stringValue(), config);
	}

	/** The messages as the API shows them; null for a text. */
	public ArrayNode messagesJson() {
		if (this.messages == null) {
			return null;
		}
		ArrayNode array = Json.NODES.arrayNode(this.messages.size());
		for (ChatItem item : this.messages) {
			ObjectNode node = array.addObject();
			if (item.isPlaceholder()) {
				node.put("type", "placeholder");
				node.put("name", item.placeholder());
			}
			else {
				node.put("role", item.role());
				node.put("content", item.content());
			}
		}
		return array;
	}

	/**
	 * The variables and placeholders the body uses, in order of first use (a name used as
	 * both is listed once).
	 */
	public List<String> variables() {
		if (this.messages == null) {
			return Templates.variables(this.content);
		}
		Set<String> names = new LinkedHashSet<>();
		for (ChatItem item : this.messages) {
			if (item.isPlaceholder()) {
				names.add(item.placeholder());
			}
			else {
				names.addAll(Templates.variables(item.content()));
			}
		}
		return List.copyOf(names);
	}

	/**
	 * The text a line diff compares: a text's content; a chat's canonical text form, one
	 * section per message headed by its role, then the config sorted and indented.
	 */
	public String diffText() {
		if (this.messages == null) {
			return this.content;
		}
		StringBuilder text = new StringBuilder();
		for (ChatItem item : this.messages) {
			text.append("### ").append(item.heading()).append('\n');
			if (!item.isPlaceholder()) {
				text.append(item.content());
				if (!item.content().endsWith("\n")) {
					text.append('\n');
				}
			}
			text.append('\n');
		}
		text.append("### config\n").append(Json.sortedText(this.config)).append('\n');
		return text.toString();
	}

	/** The config sorted and indented, for reading; null when there is none. */
	public String configText() {
		return this.config.isEmpty() ? null : Json.sortedText(this.config);
	}

	/** Roughly how many characters the body holds, for weighing what keeps it. */
	public long chars() {
		long chars = this.content == null ? 0 : this.content.length();
		if (this.messages != null) {
			for (ChatItem item : this.messages) {
				chars += 16 + (item.isPlaceholder() ? item.placeholder().length() : item.content().length());
			}
		}
		return chars + (this.config.isEmpty() ? 0 : Json.utf8Length(this.config));
	}

}
