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
 * The body of PATCH (RFC 7396): only the fields it names change. {@code name},
 * {@code content} and {@code messages} are null when absent; {@code description} applies
 * when {@code setsDescription}, null clearing it; {@code config} is a merge patch of the
 * config (null: absent; JSON null: remove the config). {@code tags} and {@code labels}
 * are null when absent.
 */
public record PromptPatch(String name, String content, List<ChatItem> messages, JsonNode config,
		boolean setsDescription, String description, String message, List<String> tags, List<String> labels) {

	/** A patch of a text prompt's plain fields, as the importer makes them. */
	public PromptPatch(String name, String content, boolean setsDescription, String description, String message) {
		this(name, content, null, null, setsDescription, description, message, null, null);
	}

	UnaryOperator<PromptState> merge() {
		return current -> {
			Body body = current.body();
			if (this.content != null) {
				PromptDraft.requireType(body.type(), PromptType.TEXT, "content");
			}
			if (this.messages != null) {
				PromptDraft.requireType(body.type(), PromptType.CHAT, "messages");
			}
			JsonNode config = this.config == null ? body.config() : merged(body.config(), this.config);
			Body next = body.type() == PromptType.CHAT
					? Body.chat(this.messages != null ? this.messages : body.messages(), config)
					: Body.text(this.content != null ? this.content : body.content(), config);
			return new PromptState(this.name != null ? this.name : current.name(),
					this.setsDescription ? this.description : current.description(), next);
		};
	}

	/** RFC 7396 applied to the config; the result is held to the config's rules. */
	private static JsonNode merged(JsonNode config, JsonNode patch) {
		if (patch.isNull()) {
			return Json.emptyObject();
		}
		try {
			return BodyRules.normalizedConfig(Json.mergePatch(config, patch));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation(List.of(new ApiException.FieldError("config", ex.getMessage())));
		}
	}

}
