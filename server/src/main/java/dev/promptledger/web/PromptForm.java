package dev.promptledger.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.MultiValueMap;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.prompt.PromptDraft;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.version.Body;
import dev.promptledger.version.ChatItem;
import dev.promptledger.version.Version;

/**
 * The fields of the create and edit forms, as posted: a text's {@code content} or a
 * chat's {@code messages}, the {@code config} as JSON text (blank for none), and the
 * version's description and commit message (empty means none).
 * <p>
 * A form is checked by the API's own rules: it becomes the JSON body of a PUT or POST
 * ({@link #draft}), so a page shows the errors the API would give, by the same field
 * names.
 * <p>
 * A textarea loses what a prompt's content may hold: the HTML parser drops one newline
 * right after the opening tag, and the browser sends every line break as CRLF, whatever
 * it was. So the form writes one newline before each text ({@link #textarea()}), and
 * carries {@code lineEndings}, the style of the content it was opened with: a content
 * whose breaks were all CRLF gets CRLF back, any other LF. A text that did not change
 * except for its line breaks is kept byte for byte.
 * <p>
 * The message editor works without JavaScript: adding, removing and moving a message is a
 * submit button ({@code op}) that shows the form again changed ({@link #apply}).
 */
record PromptForm(String type, String name, String description, String content, List<Item> messages, String config,
		String message, String baseVersionId, String lineEndings) {

	static final String TEXT = "text";

	static final String CHAT = "chat";

	static final String CRLF = "crlf";

	static final String LF = "lf";

	/** The most messages the editor adds (the API's limit). */
	static final int MAX_MESSAGES = 200;

	/**
	 * One row of the message editor: a message ({@code role}, {@code text} its content)
	 * or a placeholder ({@code text} its name).
	 */
	public record Item(String kind, String role, String text) {

		static final String MESSAGE = "message";

		static final String PLACEHOLDER = "placeholder";

		public boolean isPlaceholder() {
			return PLACEHOLDER.equals(this.kind);
		}

		/** What the message's textarea holds (see {@link PromptForm#textarea()}). */
		public String textarea() {
			return "\n" + this.text;
		}

		static Item of(ChatItem item) {
			return item.isPlaceholder() ? new Item(PLACEHOLDER, "", item.placeholder())
					: new Item(MESSAGE, item.role(), item.content());
		}

	}

	PromptForm {
		type = CHAT.equals(type) ? CHAT : TEXT;
		messages = messages == null ? List.of() : List.copyOf(messages);
		name = name == null ? "" : name;
		description = description == null ? "" : description;
		content = content == null ? "" : content;
		config = config == null ? "" : config;
		message = message == null ? "" : message;
		lineEndings = CRLF.equals(lineEndings) ? CRLF : LF;
	}

	/**
	 * The form of a new prompt of {@code type}: a chat starts with a system and a user
	 * message.
	 */
	static PromptForm empty(String type) {
		List<Item> messages = CHAT.equals(type)
				? List.of(new Item(Item.MESSAGE, "system", ""), new Item(Item.MESSAGE, "user", "")) : List.of();
		return new PromptForm(type, "", "", "", messages, "", "", null, LF);
	}

	/** The form of an edit of {@code latest}. */
	static PromptForm editing(Version latest) {
		Body body = latest.body();
		String config = body.configText();
		return new PromptForm(body.messages() != null ? CHAT : TEXT, latest.name(), latest.description(),
				body.content(), body.messages() == null ? null : body.messages().stream().map(Item::of).toList(),
				config == null ? "" : config, "", latest.id().toString(),
				body.content() == null ? LF : lineEndingsOf(body.content()));
	}

	/**
	 * The form as posted; parameters are read as sent (a value with commas stays one).
	 */
	static PromptForm posted(MultiValueMap<String, String> params) {
		List<String> kinds = params.getOrDefault("kind", List.of());
		List<String> roles = params.getOrDefault("role", List.of());
		List<String> texts = params.getOrDefault("text", List.of());
		List<Item> items = new ArrayList<>();
		for (int i = 0; i < Math.min(kinds.size(), Math.min(roles.size(), texts.size())); i++) {
			items.add(new Item(Item.PLACEHOLDER.equals(kinds.get(i)) ? Item.PLACEHOLDER : Item.MESSAGE,
					roles.get(i).trim(), texts.get(i)));
		}
		return new PromptForm(params.getFirst("type"), params.getFirst("name"), params.getFirst("description"),
				params.getFirst("content"), items, params.getFirst("config"), params.getFirst("message"),
				params.getFirst("baseVersionId"), params.getFirst("lineEndings"));
	}

	/** CRLF when every line break of {@code content} is one (and it has one), else LF. */
	static String lineEndingsOf(String content) {
		return content.contains("\r\n") && !content.replace("\r\n", "").contains("\n") ? CRLF : LF;
	}

	public boolean isChat() {
		return CHAT.equals(this.type);
	}

	/** What the content's textarea holds: a first newline that the HTML parser drops. */
	public String textarea() {
		return "\n" + this.content;
	}

	/** What the config's textarea holds. */
	public String configTextarea() {
		return "\n" + this.config;
	}

	/** Rows for a textarea that shows {@code text} whole, within reason. */
	public int rows(String text) {
		long lines = text == null ? 0 : text.chars().filter(c -> c == '\n').count();
		return (int) Math.max(3, Math.min(40, lines + 2));
	}

	/** Whether {@code op} names an editing step rather than a save. */
	static boolean isStep(String op) {
		return op != null && !op.isBlank() && !"save".equals(op);
	}

	/**
	 * The form after an editing step: {@code add-message}, {@code add-placeholder},
	 * {@code remove-N}, {@code up-N} or {@code down-N} (N counted from 0); anything else
	 * leaves it as it is.
	 */
	PromptForm apply(String op) {
		List<Item> items = new ArrayList<>(this.messages);
		int dash = op.lastIndexOf('-');
		String verb = dash < 0 ? op : op.substring(0, dash);
		int at = -1;
		try {
			at = dash < 0 ? -1 : Integer.parseInt(op.substring(dash + 1));
		}
		catch (NumberFormatException ex) {
			// an "add-..." step
		}
		switch (verb) {
			case "add" -> {
				if (items.size() < MAX_MESSAGES) {
					items.add("add-placeholder".equals(op) ? new Item(Item.PLACEHOLDER, "", "")
							: new Item(Item.MESSAGE, items.isEmpty() ? "system" : "user", ""));
				}
			}
			case "remove" -> {
				if (at >= 0 && at < items.size()) {
					items.remove(at);
				}
			}
			case "up", "down" -> {
				int other = "up".equals(verb) ? at - 1 : at + 1;
				if (at >= 0 && at < items.size() && other >= 0 && other < items.size()) {
					items.set(other, items.set(at, items.get(other)));
				}
			}
			default -> {
			}
		}
		return withMessages(items);
	}

	/**
	 * Which row {@code op} leaves the editor's attention on, in a form of {@code count}
	 * rows after it: the page focuses it, so a step does not lose the place.
	 */
	static int focusAfter(String op, int count) {
		int dash = op.lastIndexOf('-');
		int at;
		try {
			at = Integer.parseInt(op.substring(dash + 1));
		}
		catch (NumberFormatException ex) {
			return count - 1;
		}
		int row = op.startsWith("up-") ? at - 1 : op.startsWith("down-") ? at + 1 : at;
		return Math.max(0, Math.min(row, count - 1));
	}

	/** The same form opened on another version (after a conflict). */
	PromptForm basedOn(String versionId) {
		return new PromptForm(this.type, this.name, this.description, this.content, this.messages, this.config,
				this.message, versionId, this.lineEndings);
	}

	private PromptForm withMessages(List<Item> items) {
		return new PromptForm(this.type, this.name, this.description, this.content, items, this.config, this.message,
				this.baseVersionId, this.lineEndings);
	}

	/**
	 * The form as a POST ({@code create}) or PUT body checked by the API's rules;
	 * {@code opened} is the body the form was opened on (null for a new prompt), whose
	 * texts are kept as they were where only their line breaks differ.
	 */
	Checked<PromptDraft> draft(PromptRequests rules, boolean create, Body opened) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode body = nodes.objectNode();
		body.put("type", this.type);
		body.put("name", this.name.trim());
		if (isChat()) {
			Map<String, String> kept = kept(opened);
			ArrayNode items = body.putArray("messages");
			for (Item item : this.messages) {
				ObjectNode node = items.addObject();
				if (item.isPlaceholder()) {
					node.put("type", "placeholder");
					node.put("name", item.text().trim());
				}
				else {
					node.put("role", item.role());
					node.put("content", kept.getOrDefault(lf(item.text()), lf(item.text())));
				}
			}
		}
		else {
			body.put("content", keptOrLines(this.content, opened == null ? null : opened.content()));
		}
		if (!this.description.isBlank()) {
			body.put("description", lf(this.description));
		}
		if (!this.message.isBlank()) {
			body.put("message", lf(this.message));
		}
		ApiException.FieldError configError = null;
		if (!this.config.isBlank()) {
			try {
				body.set("config", JsonBody.value(this.config));
			}
			catch (ApiException ex) {
				configError = new ApiException.FieldError("config",
						ex.getMessage().replace("The body is not valid JSON", "is not valid JSON"));
			}
		}
		Checked<PromptDraft> checked = rules
			.draft(dev.promptledger.version.Json.write(body).getBytes(StandardCharsets.UTF_8), create);
		return configError == null ? checked : withError(checked, configError);
	}

	/** {@code checked}'s problems and {@code error} as one validation problem. */
	private static Checked<PromptDraft> withError(Checked<PromptDraft> checked, ApiException.FieldError error) {
		List<ApiException.FieldError> errors = new ArrayList<>();
		errors.add(error);
		try {
			checked.get();
		}
		catch (ApiException ex) {
			if (ex.code() != ErrorCode.VALIDATION_FAILED) {
				return checked;
			}
			if (ex.properties().get("errors") instanceof List<?> list) {
				list.stream()
					.filter(ApiException.FieldError.class::isInstance)
					.map(ApiException.FieldError.class::cast)
					.forEach(errors::add);
			}
		}
		return Checked.failed(ApiException.validation(errors));
	}

	/** The opened chat's message contents by their text with LF line breaks. */
	private static Map<String, String> kept(Body opened) {
		Map<String, String> kept = new HashMap<>();
		if (opened != null && opened.messages() != null) {
			for (ChatItem item : opened.messages()) {
				if (!item.isPlaceholder()) {
					kept.putIfAbsent(lf(item.content()), item.content());
				}
			}
		}
		return kept;
	}

	/**
	 * {@code opened} when {@code text} is it with other line breaks, else {@code text}
	 * with the line breaks of the form's style.
	 */
	private String keptOrLines(String text, String opened) {
		String lf = lf(text);
		if (opened != null && lf.equals(lf(opened))) {
			return opened;
		}
		return CRLF.equals(this.lineEndings) ? lf.replace("\n", "\r\n") : lf;
	}

	private static String lf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n');
	}

}
