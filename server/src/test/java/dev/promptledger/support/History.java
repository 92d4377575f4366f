package dev.promptledger.support;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small but complete history, written through the API: users of every role with
 * passwords and tokens (one revoked), prompts with updates, patches, reverts, labels set,
 * moved and deleted, a deleted prompt whose name was used again, one-line contents long
 * enough to be stored as deltas, and text beyond ASCII. What backups, restores and
 * rollbacks must keep, a chat prompt with placeholders, config and tags included.
 */
public final class History {

	private History() {
	}

	public static void write(Api api) {
		for (String role : new String[] { "viewer", "editor", "maintainer" }) {
			String username = "history-" + role;
			ok(api.post("/users")
				.json(map("username", username, "role", role, "password", "password-of-" + username))
				.send(), 201);
			ok(api.post("/users/" + username + "/tokens").json(map("name", "laptop")).send(), 201);
		}
		String revoked = api.post("/users/history-editor/tokens").json(map("name", "old")).send().text("token_id");
		ok(api.delete("/tokens/" + revoked).send(), 204);
		ok(api.patch("/users/history-viewer").json(map("disabled", true)).send(), 200);

		String greeting = create(api, "support/greeting", "Hello {{name}}, how can I help?\n");
		for (int i = 2; i <= 6; i++) {
			ok(api.put("/prompts/" + greeting)
				.json(map("name", "support/greeting", "content",
						"Hello {{name}}, how can I help?\nThis is edit " + i + " 😀\n", "description", "greets, v" + i,
						"message", "edit " + i))
				.send(), 200);
		}
		ok(api.patch("/prompts/" + greeting).json(map("description", null)).send(), 200);
		ok(api.post("/prompts/" + greeting + "/versions/2/revert")
			.json(map("confirm", true, "message", "back to 2"))
			.send(), 201);
		ok(api.put("/prompts/" + greeting + "/labels/production").json(map("version", 3)).send(), 200);
		ok(api.put("/prompts/" + greeting + "/labels/production").json(map("version", 5)).send(), 200);
		ok(api.put("/prompts/" + greeting + "/labels/staging").json(map("version", 8)).send(), 200);
		ok(api.delete("/prompts/" + greeting + "/labels/staging").send(), 204);

		String sentence = "Answer in the voice of a patient teacher who checks every claim twice. ";
		String long1 = create(api, "long/one-line", sentence.repeat(60));
		for (int i = 1; i <= 4; i++) {
			ok(api.put("/prompts/" + long1)
				.json(map("name", "long/one-line", "content", sentence.repeat(60 - i) + "Edit " + i + "."))
				.send(), 200);
		}
		String gone = create(api, "to-delete", "short-lived");
		ok(api.delete("/prompts/" + gone).send(), 204);
		create(api, "to-delete", "the name again, é and ü");
		for (int i = 0; i < 9; i++) {
			create(api, "batch/item-" + i, "Item " + i + "\n".repeat(i));
		}

		Api.Response chat = api.post("/prompts")
			.json(map("name", "chat/assistant", "type", "chat", "messages",
					java.util.List.of(map("role", "system", "content", "You help with {{topic}}. ✓"),
							map("type", "placeholder", "name", "history"), map("role", "user", "content", "{{q}}")),
					"config", map("model", "gpt-4o", "temperature", 0.2, "tools", java.util.List.of(map("name", "f"))),
					"tags", java.util.List.of("support", "chat")))
			.send();
		ok(chat, 201);
		String chatId = chat.text("id");
		ok(api.patch("/prompts/" + chatId).json(map("config", map("temperature", 0.7, "seed", 1))).send(), 200);
		ok(api.patch("/prompts/" + chatId)
			.json(map("messages",
					java.util.List.of(map("role", "developer", "content", "You help with {{topic}}."),
							map("type", "placeholder", "name", "history"), map("role", "user", "content", "{{q}}"))))
			.send(), 200);
		ok(api.put("/prompts/" + chatId + "/labels/production").json(map("version", 2)).send(), 200);
		ok(api.post("/prompts")
			.json(map("name", "text/with-config", "content", "Summarize.", "config", map("max_tokens", 100)))
			.send(), 201);
	}

	private static String create(Api api, String name, String content) {
		Api.Response created = api.post("/prompts").json(map("name", name, "content", content)).send();
		ok(created, 201);
		return created.text("id");
	}

	private static void ok(Api.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
	}

	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
