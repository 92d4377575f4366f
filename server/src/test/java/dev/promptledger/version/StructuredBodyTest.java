package dev.promptledger.version;

import java.io.StringReader;
import java.util.List;

import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pure parts of structured prompts: a body's stored form and back, numbers in their
 * one form, the config patch (exact, and bounded for the largest configs), the chat
 * alignment and the canonical text form.
 */
class StructuredBodyTest {

	@Test
	void aTextWithoutConfigIsStoredAsItselfAndEverythingElseAsADocument() {
		Body text = Body.text("Hello {{name}}\n");
		assertThat(text.storedAsDocument()).isFalse();
		assertThat(text.stored()).isEqualTo("Hello {{name}}\n");
		Body configured = Body.text("Hello", Json.read("{\"model\":\"m\",\"t\":0.5}"));
		Body chat = Body.chat(List.of(ChatItem.message("system", "S"), ChatItem.placeholder("history"),
				ChatItem.message("user", "{{q}} and {{history}}")), Json.read("{\"a\":[1,{\"b\":null}]}"));
		for (Body body : List.of(text, configured, chat)) {
			assertThat(Body.fromStored(body.stored(), body.storedAsDocument())).isEqualTo(body);
		}
		assertThat(chat.variables()).containsExactly("history", "q");
		assertThat(chat.diffText()).isEqualTo("### system\nS\n\n### [placeholder history]\n\n### user\n"
				+ "{{q}} and {{history}}\n\n### config\n{\n  \"a\" : [ 1, {\n    \"b\" : null\n  } ]\n}\n");
	}

	@Test
	void numbersAreValues() {
		assertThat(Json.write(Json.normalize(Json.read(
				"{\"a\":1.0,\"b\":0.50,\"c\":1e3,\"d\":-0.0,\"e\":12345678901234567890," + "\"f\":1.5e-7,\"g\":0.1}"))))
			.isEqualTo("{\"a\":1,\"b\":0.5,\"c\":1000,\"d\":0,\"e\":12345678901234567890,\"f\":1.5E-7,\"g\":0.1}");
		assertThat(Json.normalize(Json.read("{\"t\":1}"))).isEqualTo(Json.normalize(Json.read("{\"t\":1.000}")));
		assertThatThrownBy(() -> Json.normalize(Json.read("{\"t\":1e309}"))).hasMessageContaining("1e308");
		assertThatThrownBy(() -> Json.normalize(Json.read("[1e-400]"))).hasMessageContaining("1e-308");
		assertThat(Json.depth(Json.read("{}"))).isEqualTo(1);
		assertThat(Json.depth(Json.read("{\"a\":{\"b\":[1]}}"))).isEqualTo(4);
	}

	@Test
	void theConfigPatchTurnsOneConfigIntoTheOther() {
		JsonNode from = Json.read("{\"model\":\"a\",\"t\":0.7,\"stop\":[\"x\",\"y\"],\"tools\":[{\"n\":1},{\"n\":2}]}");
		JsonNode to = Json.read("{\"model\":\"b\",\"stop\":[\"y\"],\"tools\":[{\"n\":1},{\"n\":3}],\"seed\":7}");
		JsonNode patch = ConfigPatch.between(from, to);
		assertThat(patch.size()).isBetween(3, 6);
		assertThat(applied(patch, from)).isEqualTo(to);
		assertThat(ConfigPatch.between(to, to)).isEmpty();
		assertThat(Json.mergePatch(from, Json.read("{\"t\":null,\"model\":\"c\"}")))
			.isEqualTo(Json.read("{\"model\":\"c\",\"stop\":[\"x\",\"y\"],\"tools\":[{\"n\":1},{\"n\":2}]}"));
	}

	/**
	 * The largest config (64 KiB) is an array of some 32,000 numbers; two of them would
	 * make the library's array table a billion cells. The patch is then one replace, at
	 * once, and still exact.
	 */
	@Test
	void theLargestConfigsGetAnExactPatchWithoutTheTable() {
		StringBuilder a = new StringBuilder("{\"v\":[");
		StringBuilder b = new StringBuilder("{\"v\":[");
		for (int i = 0; i < 32_000; i++) {
			a.append(i % 10).append(',');
			b.append((i + 1) % 10).append(',');
		}
		JsonNode from = Json.read(a.append("0]}").toString());
		JsonNode to = Json.read(b.append("1]}").toString());
		long start = System.nanoTime();
		JsonNode patch = ConfigPatch.between(from, to);
		assertThat(System.nanoTime() - start).as("bounded work").isLessThan(5_000_000_000L);
		assertThat(patch).hasSize(1);
		assertThat(patch.get(0).get("op").asString()).isEqualTo("replace");
		assertThat(applied(patch, from)).isEqualTo(to);
	}

	@Test
	void chatsAlignMessageByMessage() {
		ChatItem s = ChatItem.message("system", "S");
		ChatItem u = ChatItem.message("user", "U");
		ChatItem a = ChatItem.message("assistant", "A");
		assertThat(ops(List.of(s, u, a), List.of(ChatItem.message("developer", "S"), u, a))).containsExactly("change",
				"same", "same");
		assertThat(ops(List.of(s, u, a), List.of(a, s, u))).containsExactly("add", "same", "same", "remove");
		assertThat(ops(List.of(s), List.of(s, u))).containsExactly("same", "add");
		assertThat(ops(List.of(), List.of(s))).containsExactly("add");
	}

	private static List<String> ops(List<ChatItem> from, List<ChatItem> to) {
		return ChatDiff.align(from, to).stream().map(step -> step.op().wireName()).toList();
	}

	private static JsonNode applied(JsonNode patch, JsonNode value) {
		try (JsonReader ops = jakarta.json.Json.createReader(new StringReader(patch.toString()));
				JsonReader target = jakarta.json.Json.createReader(new StringReader(value.toString()))) {
			return Json.read(jakarta.json.Json.createPatch(ops.readArray()).apply(target.readObject()).toString());
		}
	}

}
