package dev.promptledger.prompt;

import java.util.List;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;

import dev.promptledger.http.ApiException;
import dev.promptledger.version.Body;
import dev.promptledger.version.ChatItem;
import dev.promptledger.version.Json;
import dev.promptledger.version.PromptState;
import dev.promptledger.version.PromptType;

/**
 * The body of POST and PUT: a whole prompt (a text's {@code content} or a chat's
 * {@code messages}, exactly one of them; {@code config} null for none), the optional
 * message of the version it makes, and what the write also sets when given: the prompt's
 * {@code tags} and the {@code labels} to point at the version.
 */
public record PromptDraft(String name, String content, List<ChatItem> messages, JsonNode config, String description,
		String message, List<String> tags, List<String> labels) {

	/** A text prompt's draft, as the web UI's forms and the importer make them. */
	public PromptDraft(String name, String content, String description, String message) {
		this(name, content, null, null, description, message, null, null);
	}

	public PromptType type() {
		return this.messages != null ? PromptType.CHAT : PromptType.TEXT;
	}

	PromptState state() {
		JsonNode settings = this.config == null ? Json.emptyObject() : this.config;
		Body body = this.messages != null ? Body.chat(this.messages, settings) : Body.text(this.content, settings);
		return new PromptState(this.name, this.description, body);
	}

	/**
	 * PUT replaces the version's fields (an omitted description or config becomes none);
	 * the prompt's type stays what it is.
	 */
	UnaryOperator<PromptState> replacement() {
		return current -> {
			requireType(current.body().type(), type(), this.messages != null ? "messages" : "content");
			return state();
		};
	}

	/** 400 naming {@code field} when a write would change the prompt's type. */
	static void requireType(PromptType current, PromptType written, String field) {
		if (current != written) {
			throw ApiException.validation(List.of(new ApiException.FieldError(field,
					"this is a " + current.wireName() + " prompt: it has "
							+ (current == PromptType.CHAT ? "messages, not content" : "content, not messages")
							+ " (a prompt's type is fixed when it is created)")));
		}
	}

}
