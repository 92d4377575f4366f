package dev.promptledger.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Every answer of the read API for everything a database holds: the prompts (all pages),
 * each prompt, its versions, each version and its diff, its labels and their history, the
 * users and their tokens, and the audit log. Two databases with the same rows must give
 * the same walk, byte for byte.
 */
public final class Walk {

	/** One answer: what was asked and what came back. */
	public record Answer(String path, int status, String etag, String body) {
	}

	private Walk() {
	}

	public static List<Answer> of(Api api) {
		List<Answer> answers = new ArrayList<>();
		for (JsonNode prompt : pages(api, "/prompts?limit=7", answers)) {
			String id = prompt.get("id").asString();
			get(api, "/prompts/" + id, answers);
			for (JsonNode version : pages(api, "/prompts/" + id + "/versions?limit=3", answers)) {
				int number = version.get("number").asInt();
				get(api, "/prompts/" + id + "/versions/" + number, answers);
				get(api, "/prompts/" + id + "/versions/" + number + "/diff", answers);
			}
			for (JsonNode label : get(api, "/prompts/" + id + "/labels", answers).get("items")) {
				pages(api, "/prompts/" + id + "/labels/" + label.get("label").asString() + "/history?limit=2", answers);
			}
		}
		for (JsonNode user : pages(api, "/users?limit=2", answers)) {
			pages(api, "/users/" + user.get("username").asString() + "/tokens?limit=2", answers);
		}
		pages(api, "/audit?limit=50", answers);
		return answers;
	}

	private static List<JsonNode> pages(Api api, String first, List<Answer> answers) {
		List<JsonNode> items = new ArrayList<>();
		String path = first;
		while (path != null) {
			JsonNode page = get(api, path, answers);
			page.get("items").forEach(items::add);
			JsonNode next = page.get("next_cursor");
			path = next == null || next.isNull() ? null
					: first + (first.contains("?") ? "&" : "?") + "cursor=" + next.asString();
		}
		return items;
	}

	private static JsonNode get(Api api, String path, List<Answer> answers) {
		Api.Response response = api.get(path).header("Cache-Control", "no-cache").send();
		answers.add(new Answer(path, response.status(), response.header("ETag"), response.body()));
		return response.json();
	}

}
