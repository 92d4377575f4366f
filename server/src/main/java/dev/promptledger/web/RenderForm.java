package dev.promptledger.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.util.MultiValueMap;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.JsonBody;
import dev.promptledger.prompt.Renderer;
import dev.promptledger.version.Body;
import dev.promptledger.version.ChatItem;

/**
 * The prompt page's render panel: a field per variable ({@code var.NAME}) and per
 * placeholder ({@code placeholder.NAME}, a JSON list of {@code {role, content}}),
 * rendered by the renderer the API uses.
 */
record RenderForm(Map<String, String> values) {

	static final String VARIABLE = "var.";

	static final String PLACEHOLDER = "placeholder.";

	/** One field of the panel: a variable, or a placeholder that takes messages. */
	public record Input(String name, boolean placeholder) {

		public String param() {
			return (this.placeholder ? PLACEHOLDER : VARIABLE) + this.name;
		}

	}

	/** What the panel shows after a render: the result, or what stood in the way. */
	public record Outcome(String content, List<Renderer.Message> messages, List<String> missing, String problem) {

		public boolean ok() {
			return this.problem == null && this.missing.isEmpty();
		}

	}

	/**
	 * The fields for {@code body}'s variables and placeholders, in order of first use.
	 */
	static List<Input> inputs(Body body) {
		List<String> placeholders = placeholders(body);
		return body.variables().stream().map(name -> new Input(name, placeholders.contains(name))).toList();
	}

	/** The values posted for {@code body}'s fields (others are ignored). */
	static RenderForm posted(Body body, MultiValueMap<String, String> params) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Input input : inputs(body)) {
			String value = params.getFirst(input.param());
			if (value != null) {
				values.put(input.param(), value.replace("\r\n", "\n"));
			}
		}
		return new RenderForm(values);
	}

	/**
	 * {@code body} rendered with the values; a problem instead when a placeholder's JSON
	 * is not a message list.
	 */
	Outcome render(Body body, long maxBytes) {
		Map<String, String> variables = new LinkedHashMap<>();
		Map<String, List<Renderer.Message>> placeholders = new LinkedHashMap<>();
		for (Input input : inputs(body)) {
			String value = this.values.get(input.param());
			if (value == null || value.isEmpty() || (input.placeholder() && value.isBlank())) {
				continue;
			}
			if (!input.placeholder()) {
				variables.put(input.name(), value);
				continue;
			}
			List<Renderer.Message> messages = messages(value);
			if (messages == null) {
				return new Outcome(null, null, List.of(), "The messages for " + input.name()
						+ " must be a JSON list of {\"role\": ..., \"content\": ...}.");
			}
			placeholders.put(input.name(), messages);
		}
		Renderer.Result result = Renderer.render(body, variables, placeholders, maxBytes);
		if (!result.missing().isEmpty()) {
			return new Outcome(null, null, result.missing(), null);
		}
		if (result.tooLarge()) {
			return new Outcome(null, null, List.of(), "The rendered prompt would be " + result.bytes()
					+ " bytes of UTF-8, more than the limit of " + maxBytes + ".");
		}
		List<Renderer.Message> rendered = null;
		if (result.messages() != null) {
			rendered = new ArrayList<>();
			for (JsonNode message : result.messages()) {
				rendered
					.add(new Renderer.Message(message.get("role").stringValue(), message.get("content").stringValue()));
			}
		}
		return new Outcome(result.content(), rendered, List.of(), null);
	}

	private static List<Renderer.Message> messages(String json) {
		JsonNode list;
		try {
			list = JsonBody.value(json);
		}
		catch (ApiException ex) {
			return null;
		}
		if (!list.isArray()) {
			return null;
		}
		boolean[] invalid = { false };
		List<Renderer.Message> messages = Renderer.Message.listOf(list, i -> invalid[0] = true);
		return invalid[0] ? null : messages;
	}

	private static List<String> placeholders(Body body) {
		return body.messages() == null ? List.of()
				: body.messages().stream().filter(ChatItem::isPlaceholder).map(ChatItem::placeholder).toList();
	}

}
