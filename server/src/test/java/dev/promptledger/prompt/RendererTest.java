package dev.promptledger.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.promptledger.version.Body;
import dev.promptledger.version.ChatItem;
import dev.promptledger.version.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Render's size is known before anything is built, also for the largest legal request:
 * one placeholder used by every one of 200 items, given a list of megabytes.
 */
class RendererTest {

	@Test
	void aPlaceholderUsedEverywhereIsMeasuredNotBuilt() {
		List<ChatItem> items = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			items.add(ChatItem.placeholder("history"));
		}
		String megabyte = "x".repeat(1 << 20);
		Map<String, List<Renderer.Message>> placeholders = Map.of("history",
				List.of(new Renderer.Message("user", megabyte), new Renderer.Message("assistant", megabyte)));
		Renderer.Result result = Renderer.render(Body.chat(items, Json.emptyObject()), Map.of(), placeholders, 1 << 20);
		assertThat(result.tooLarge()).isTrue();
		assertThat(result.bytes()).isEqualTo(200L * 2 * (1 << 20));
		assertThat(result.messages()).isNull();

		Renderer.Result small = Renderer.render(
				Body.chat(List.of(ChatItem.message("system", "{{a}}"), ChatItem.placeholder("history")),
						Json.emptyObject()),
				Map.of("a", "A", "b", "B"), Map.of("history", List.of(new Renderer.Message("user", "hi"))), 1 << 20);
		assertThat(small.messages()).hasSize(2);
		assertThat(small.bytes()).isEqualTo(3);
		assertThat(small.unused()).containsExactly("b");
	}

}
