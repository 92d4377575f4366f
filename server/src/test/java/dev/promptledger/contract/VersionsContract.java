package dev.promptledger.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The Versions section of the contract: history, one version, diffs. */
abstract class VersionsContract extends ApiTestBase {

	/** Creates a prompt with the given contents as versions 1..n and returns its id. */
	private String promptWithHistory(String... contents) {
		Api.Response created = createPrompt(uniqueName("history"), contents[0]);
		String id = created.text("id");
		for (int i = 1; i < contents.length; i++) {
			Api.Response put = this.api.put("/prompts/" + id)
				.json(body("name", created.text("name"), "content", contents[i], "message", "edit " + (i + 1)))
				.send();
			assertThat(put.status()).isEqualTo(200);
		}
		return id;
	}

	@Test
	void historyIsNewestFirstWithAuthorsDatesAndSummaries() {
		String id = promptWithHistory("one\n", "one\ntwo\n", "one\n2\n");
		Api.Response page = this.api.get("/prompts/" + id + "/versions").send();
		assertThat(page.status()).isEqualTo(200);
		JsonNode items = page.json().get("items");
		assertThat(items).hasSize(3);
		assertThat(page.json().get("next_cursor").isNull()).isTrue();
		int expected = 3;
		for (JsonNode item : items) {
			assertThat(item.get("number").asInt()).isEqualTo(expected--);
			assertThat(item.get("author").asString()).isEqualTo("admin");
			assertThat(item.get("created_at").asString()).endsWith("Z");
			assertThat(item.has("content")).isFalse();
			assertThat(item.get("prompt_id").asString()).isEqualTo(id);
			for (String field : List.of("version_id", "change_type", "message", "summary", "content_sha256", "name",
					"description", "parent_version_id", "reverted_from_version_id")) {
				assertThat(item.has(field)).as(field).isTrue();
			}
		}
		JsonNode third = items.get(0).get("summary");
		assertThat(third.get("lines_added").asInt()).isEqualTo(1);
		assertThat(third.get("lines_removed").asInt()).isEqualTo(1);
		assertThat(items.get(0).get("message").asString()).isEqualTo("edit 3");
		assertThat(items.get(2).get("change_type").asString()).isEqualTo("create");
	}

	@Test
	void historyPagesByCursorWithoutGapsOrRepeats() {
		String[] contents = new String[7];
		for (int i = 0; i < contents.length; i++) {
			contents[i] = "content " + i;
		}
		String id = promptWithHistory(contents);
		List<Integer> numbers = new ArrayList<>();
		String cursor = null;
		do {
			Api.Response page = this.api
				.get("/prompts/" + id + "/versions?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
				.send();
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().get("items").forEach(item -> numbers.add(item.get("number").asInt()));
			cursor = page.text("next_cursor");
		}
		while (cursor != null);
		assertThat(numbers).containsExactly(7, 6, 5, 4, 3, 2, 1);
		assertProblem(this.api.get("/prompts/" + id + "/versions?limit=500").send(), 400, "invalid_parameter");
		assertProblem(this.api.get("/prompts/" + id + "/versions?cursor=bogus").send(), 400, "invalid_cursor");
	}

	@Test
	void aVersionIsReadByIdOrNumberWithItsContent() {
		String id = promptWithHistory("first", "second");
		Api.Response byNumber = this.api.get("/prompts/" + id + "/versions/1").send();
		assertThat(byNumber.status()).isEqualTo(200);
		assertThat(byNumber.text("content")).isEqualTo("first");
		assertThat(byNumber.json().get("number").asInt()).isEqualTo(1);
		String versionId = byNumber.text("version_id");
		assertThat(etag(byNumber)).isEqualTo("\"" + versionId + "\"");
		Api.Response byId = this.api.get("/prompts/" + id + "/versions/" + versionId).send();
		assertThat(byId.json()).isEqualTo(byNumber.json());
		assertThat(
				this.api.get("/prompts/" + id + "/versions/1").header("If-None-Match", etag(byNumber)).send().status())
			.isEqualTo(304);
		String other = promptWithHistory("elsewhere");
		assertProblem(this.api.get("/prompts/" + other + "/versions/" + versionId).send(), 404, "version_not_found");
		for (String bad : List.of("0", "3", "99999999999", "abc", "-1", "1e3")) {
			assertProblem(this.api.get("/prompts/" + id + "/versions/" + bad).send(), 404, "version_not_found");
		}
		assertProblem(this.api.get("/prompts/00000000-0000-4000-8000-000000000000/versions/1").send(), 404,
				"prompt_not_found");
	}

	@Test
	void diffDefaultsToTheParentAndWorksBetweenAnyTwoVersions() {
		String base = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
		String v2 = base.replace("c\n", "C\n");
		String id = promptWithHistory(base, v2, v2.replace("n\n", "N\no\n"));
		Api.Response diff = this.api.get("/prompts/" + id + "/versions/2/diff").send();
		assertThat(diff.status()).isEqualTo(200);
		JsonNode body = diff.json();
		assertThat(body.get("from").get("number").asInt()).isEqualTo(1);
		assertThat(body.get("to").get("number").asInt()).isEqualTo(2);
		assertThat(body.get("unified").asString()).contains("@@ -1,6 +1,6 @@\n a\n b\n-c\n+C\n d\n e\n f\n");
		JsonNode hunk = body.get("hunks").get(0);
		assertThat(hunk.get("from_start").asInt()).isEqualTo(1);
		assertThat(hunk.get("from_count").asInt()).isEqualTo(6);
		assertThat(hunk.get("to_count").asInt()).isEqualTo(6);
		assertThat(hunk.get("lines").get(2).get("op").asString()).isEqualTo("remove");
		assertThat(hunk.get("lines").get(2).get("text").asString()).isEqualTo("c");
		assertThat(hunk.get("lines").get(3).get("op").asString()).isEqualTo("add");
		assertThat(hunk.get("lines").get(0).get("op").asString()).isEqualTo("context");
		assertThat(body.get("summary").get("lines_added").asInt()).isEqualTo(1);

		Api.Response across = this.api.get("/prompts/" + id + "/versions/3/diff?against=1").send();
		assertThat(across.json().get("hunks")).as("two changes far apart are two hunks").hasSize(2);
		assertThat(across.json().get("summary").get("lines_added").asInt()).isEqualTo(3);
		assertThat(across.json().get("summary").get("lines_removed").asInt()).isEqualTo(2);
		String v3 = this.api.get("/prompts/" + id + "/versions/3").send().text("version_id");
		Api.Response backwards = this.api.get("/prompts/" + id + "/versions/1/diff?against=" + v3).send();
		assertThat(backwards.json().get("from").get("number").asInt()).isEqualTo(3);
		assertThat(backwards.json().get("summary").get("lines_removed").asInt()).isEqualTo(3);

		Api.Response first = this.api.get("/prompts/" + id + "/versions/1/diff").send();
		assertThat(first.json().get("from").isNull()).isTrue();
		assertThat(first.json().get("summary").get("lines_added").asInt()).isEqualTo(14);
		assertThat(first.json().get("unified").asString()).startsWith("--- /dev/null\n");

		Api.Response same = this.api.get("/prompts/" + id + "/versions/2/diff?against=2").send();
		assertThat(same.json().get("unified").asString()).isEmpty();
		assertThat(same.json().get("hunks")).isEmpty();

		Api.Response text = this.api.get("/prompts/" + id + "/versions/2/diff").header("Accept", "text/x-diff").send();
		assertThat(text.status()).isEqualTo(200);
		assertThat(text.contentType()).startsWith("text/x-diff");
		assertThat(text.body()).isEqualTo(body.get("unified").asString());

		assertProblem(this.api.get("/prompts/" + id + "/versions/2/diff?against=9").send(), 404, "version_not_found");
		assertProblem(this.api.get("/prompts/" + id + "/versions/9/diff").header("Accept", "text/x-diff").send(), 404,
				"version_not_found");
	}

	@Test
	void aChangeOfTheFinalNewlineIsAChange() {
		String id = promptWithHistory("line", "line\n");
		Api.Response diff = this.api.get("/prompts/" + id + "/versions/2/diff").send();
		assertThat(diff.json().get("unified").asString()).contains("-line\n\\ No newline at end of file\n+line\n");
		assertThat(diff.json().get("summary").get("lines_removed").asInt()).isEqualTo(1);
		assertThat(diff.json().get("summary").get("chars_added").asInt()).isEqualTo(5);
	}

	@Test
	void unicodeContentRoundTripsAndCountsCharacters() {
		String content = "héllo 👋 世界\r\n\ttabs and \"quotes\" and \\ backslash\n";
		Api.Response created = createPrompt(uniqueName("unicode"), content);
		Api.Response version = this.api.get("/prompts/" + created.text("id") + "/versions/1").send();
		assertThat(version.text("content")).isEqualTo(content);
		assertThat(version.text("content_sha256")).isEqualTo(PromptsContract.sha256(content));
		assertThat(version.json().get("summary").get("chars_added").asInt())
			.isEqualTo(content.codePointCount(0, content.length()));
	}

	/**
	 * A few lines replaced by 60,000 empty ones (60 KB, far under every limit) cost
	 * Myers' algorithm about a minute before its work was bounded; the write, the diff,
	 * the revert preview and the history now answer at once, and the diff is still
	 * complete and correct.
	 */
	@Test
	void lopsidedEditsAreWrittenAndDiffedInBoundedTime() {
		String lines = "\n".repeat(60_000);
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
			String id = promptWithHistory("one\ntwo\nthree\n", lines, "one\n" + ".".repeat(60_000));
			Api.Response diff = this.api.get("/prompts/" + id + "/versions/2/diff").send();
			assertThat(diff.status()).isEqualTo(200);
			assertThat(diff.json().get("summary").get("lines_added").asInt()).isEqualTo(60_000);
			assertThat(diff.json().get("summary").get("lines_removed").asInt()).isEqualTo(3);
			Api.Response text = this.api.get("/prompts/" + id + "/versions/3/diff?against=2")
				.header("Accept", "text/x-diff")
				.send();
			assertThat(text.status()).isEqualTo(200);
			assertThat(text.body()).contains("+one\n+" + ".".repeat(60_000) + "\n\\ No newline at end of file");
			Api.Response preview = this.api.post("/prompts/" + id + "/versions/2/revert?dry_run=true")
				.json(java.util.Map.of())
				.send();
			assertThat(preview.status()).isEqualTo(200);
			assertThat(preview.json().get("preview").get("summary").get("lines_removed").asInt()).isEqualTo(2);
		});
	}

}
