package dev.promptledger.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.promptledger.version.Body;
import dev.promptledger.version.ChatItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The render panel takes a placeholder's messages by the API's rules: what {@code POST
 * /prompts/{id}/render} refuses, the panel refuses too.
 */
class RenderFormTest {

	private static final Body CHAT = Body.chat(List.of(ChatItem.message("system", "Help with {{topic}}."),
			ChatItem.placeholder("history"), ChatItem.message("user", "{{q}}")), JsonNodeFactory.instance.objectNode());

	private static RenderForm.Outcome render(String history) {
		return new RenderForm(Map.of("var.topic", "tea", "var.q", "why?", "placeholder.history", history)).render(CHAT,
				1 << 20);
	}

	@Test
	void messagesTheApiTakesRender() {
		RenderForm.Outcome outcome = render("[{\"role\": \"assistant\", \"content\": \"Hello\"}]");
		assertThat(outcome.problem()).isNull();
		assertThat(outcome.messages()).extracting(message -> message.role())
			.containsExactly("system", "assistant", "user");
	}

	@Test
	void messagesTheApiRefusesAreRefused() {
		for (String history : List.of("[{\"role\": \"Assistant!\", \"content\": \"Hello\"}]",
				"[{\"role\": \"assistant\", \"content\": \"Hello\", \"name\": \"x\"}]", "[{\"role\": \"assistant\"}]",
				"{\"role\": \"assistant\", \"content\": \"Hello\"}", "not json")) {
			assertThat(render(history).problem()).as(history).contains("history");
		}
	}

}
