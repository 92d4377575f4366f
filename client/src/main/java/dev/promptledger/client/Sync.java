package dev.promptledger.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Prompts as code over HTTP: {@code pull} writes the server's prompts to files,
 * {@code diff} says what {@code push} would change, {@code push} makes a version of each
 * prompt whose file says something else than its latest version (and creates the new
 * ones), and can point a label at what it leaves current, as the label's policy allows.
 * Each returns its exit code (see {@link PromptsAsCode}).
 */
final class Sync {

	static final int OK = 0;

	static final int DIFFERENT = 1;

	static final int REFUSED = 3;

	static final int UNREACHABLE = 4;

	/** A failure that stops the whole command (the server away, the token refused). */
	static final class Stop extends RuntimeException {

		Stop(String message) {
			super(message);
		}

	}

	/** The most lines of a content diff printed per prompt. */
	private static final int MAX_DIFF_LINES = 200;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Transport transport;

	private final PrintStream out;

	private final PrintStream err;

	Sync(Transport transport, PrintStream out, PrintStream err) {
		this.transport = transport;
		this.out = out;
		this.err = err;
	}

	/**
	 * The server's latest version of a name, read from the database; null when there is
	 * none.
	 */
	private Transport.Answer remote(String name, String label) {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("name", name);
		query.put("label", label);
		Transport.Answer answer = call(
				() -> this.transport.get("/prompts/lookup" + Transport.query(query), null, true));
		if (answer.status() == 404) {
			return null;
		}
		return require(answer);
	}

	int pull(Path dir, String label, String prefix) throws IOException {
		Files.createDirectories(dir);
		int written = 0;
		int unchanged = 0;
		int withoutLabel = 0;
		String cursor = null;
		do {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("limit", 200);
			query.put("sort", "name");
			query.put("cursor", cursor);
			String path = "/prompts" + Transport.query(query);
			JsonNode page = require(call(() -> this.transport.get(path, null, true))).body();
			for (JsonNode listed : page.get("items")) {
				String name = listed.get("name").asText();
				if (prefix != null && !name.startsWith(prefix)) {
					continue;
				}
				Map<String, Object> selector = new LinkedHashMap<>();
				selector.put("label", label);
				String read = "/prompts/" + listed.get("id").asText() + Transport.query(selector);
				Transport.Answer answer = call(() -> this.transport.get(read, null, true));
				if (answer.status() == 404) {
					withoutLabel++;
					continue;
				}
				JsonNode prompt = require(answer).body();
				if (write(dir, prompt)) {
					written++;
				}
				else {
					unchanged++;
				}
			}
			cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
		}
		while (cursor != null);
		this.out.println("Pulled into " + dir + ": " + written + " written, " + unchanged + " unchanged"
				+ (label == null ? "" : ", " + withoutLabel + " without the label " + label));
		return OK;
	}

	/** Writes a prompt's file; whether it changed. */
	private boolean write(Path dir, JsonNode prompt) throws IOException {
		String name = prompt.get("name").asText();
		boolean chat = "chat".equals(prompt.get("type").asText());
		String description = prompt.hasNonNull("description") ? prompt.get("description").asText() : null;
		String text = chat
				? PromptFiles.chat(name, description, prompt.get("messages"), prompt.get("config"), prompt.get("tags"))
				: PromptFiles.text(name, description, prompt.get("config"), prompt.get("tags"),
						prompt.get("content").asText());
		Path file = PromptFiles.fileOf(dir, name, chat);
		Files.deleteIfExists(PromptFiles.fileOf(dir, name, !chat));
		if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
			return false;
		}
		Files.createDirectories(file.getParent());
		Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
		Files.writeString(temporary, text, StandardCharsets.UTF_8);
		Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

	/** What push would do to one prompt. */
	private record Plan(PromptFiles.Local local, JsonNode remote, String etag, List<String> fields,
			boolean labelMoves) {

		boolean isNew() {
			return this.remote == null;
		}

		boolean changes() {
			return isNew() || !this.fields.isEmpty() || this.labelMoves;
		}

	}

	private Plan plan(PromptFiles.Local local, String label) {
		Transport.Answer answer = remote(local.name(), null);
		if (answer == null) {
			return new Plan(local, null, null, List.of(), label != null);
		}
		JsonNode remote = answer.body();
		List<String> fields = new ArrayList<>();
		if (!local.type().equals(remote.get("type").asText())) {
			fields.add("type");
		}
		else if (local.isChat()) {
			if (!Objects.equals(PromptFiles.canonical(local.messages()),
					PromptFiles.canonical(remote.get("messages")))) {
				fields.add("messages");
			}
		}
		else if (!local.content().equals(remote.get("content").asText())) {
			fields.add("content");
		}
		if (local.hasDescription() && !Objects.equals(local.description(),
				remote.hasNonNull("description") ? remote.get("description").asText() : null)) {
			fields.add("description");
		}
		if (!Objects.equals(PromptFiles.canonical(config(local)), PromptFiles.canonical(remote.get("config")))) {
			fields.add("config");
		}
		if (!Objects.equals(sortedTags(local.tags()), sortedTags(remote.get("tags")))) {
			fields.add("tags");
		}
		boolean labelMoves = label != null && (!fields.isEmpty() || !labels(remote).contains(label));
		return new Plan(local, remote, answer.etag(), fields, labelMoves);
	}

	private static JsonNode config(PromptFiles.Local local) {
		return local.config() == null || local.config().isNull() ? NODES.objectNode() : local.config();
	}

	private static List<String> sortedTags(JsonNode tags) {
		List<String> sorted = new ArrayList<>(Transport.strings(tags));
		sorted.sort(null);
		return sorted;
	}

	private static List<String> labels(JsonNode remote) {
		return Transport.strings(remote.get("labels"));
	}

	int diff(Path dir, String label) throws IOException {
		Map<String, PromptFiles.Local> locals = PromptFiles.read(dir);
		int different = 0;
		for (PromptFiles.Local local : locals.values()) {
			Plan plan = plan(local, label);
			if (!plan.changes()) {
				continue;
			}
			different++;
			if (plan.isNew()) {
				this.out.println("+ " + local.name() + ": new " + local.type() + " prompt"
						+ (label == null ? "" : ", labelled " + label));
				continue;
			}
			if (!plan.fields().isEmpty()) {
				this.out.println("~ " + local.name() + ": " + String.join(", ", plan.fields()) + " (a new version)");
				if (plan.fields().contains("content")) {
					printDiff(plan.remote().get("content").asText(), local.content());
				}
			}
			if (plan.labelMoves()) {
				this.out.println("> " + local.name() + ": label " + label + " moves to " + (plan.fields().isEmpty()
						? "version " + plan.remote().get("version").asInt() : "the new version"));
			}
		}
		this.out.println(different == 0 ? "No changes: push would do nothing."
				: different + " of " + locals.size() + " prompts would change.");
		return different == 0 ? OK : DIFFERENT;
	}

	/**
	 * A unified diff of two contents: their common first and last lines kept as context,
	 * what lies between them removed and added (a linear comparison, bounded on any
	 * size).
	 */
	private void printDiff(String before, String after) {
		List<String> a = before.lines().toList();
		List<String> b = after.lines().toList();
		int head = 0;
		while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
			head++;
		}
		int tail = 0;
		while (tail < a.size() - head && tail < b.size() - head
				&& a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
			tail++;
		}
		int from = Math.max(0, head - 3);
		int aEnd = Math.min(a.size(), a.size() - tail + 3);
		int bEnd = Math.min(b.size(), b.size() - tail + 3);
		this.out.println("  --- server");
		this.out.println("  +++ file");
		this.out.printf("  @@ -%d,%d +%d,%d @@%n", from + 1, aEnd - from, from + 1, bEnd - from);
		int printed = 0;
		for (int i = from; i < head; i++) {
			printed += line(" ", a.get(i), printed);
		}
		for (int i = head; i < a.size() - tail; i++) {
			printed += line("-", a.get(i), printed);
		}
		for (int i = head; i < b.size() - tail; i++) {
			printed += line("+", b.get(i), printed);
		}
		for (int i = b.size() - tail; i < bEnd; i++) {
			printed += line(" ", b.get(i), printed);
		}
		if (before.endsWith("\n") != after.endsWith("\n")) {
			this.out.println("  \\ the final newline differs");
		}
	}

	private int line(String mark, String text, int printed) {
		if (printed < MAX_DIFF_LINES) {
			this.out.println("  " + mark + text);
		}
		else if (printed == MAX_DIFF_LINES) {
			this.out.println("  ... (more lines differ)");
		}
		return 1;
	}

	int push(Path dir, String message, String label, boolean openChangeRequests) throws IOException {
		Map<String, PromptFiles.Local> locals = PromptFiles.read(dir);
		int done = 0;
		int refused = 0;
		for (PromptFiles.Local local : locals.values()) {
			Plan plan = plan(local, label);
			if (!plan.changes()) {
				continue;
			}
			try {
				push(plan, message, label, openChangeRequests);
				done++;
			}
			catch (PromptLedgerException ex) {
				refused++;
				this.err.println(
						"refused: " + local.name() + ": " + ex.getMessage() + " (" + ex.code() + ")" + hint(ex, label));
			}
		}
		this.out.println("Pushed " + dir + ": " + done + " changed, " + (locals.size() - done - refused)
				+ " unchanged, " + refused + " refused");
		return refused == 0 ? OK : REFUSED;
	}

	private static String hint(PromptLedgerException ex, String label) {
		return switch (ex.code()) {
			case "approval_required" -> "; the label " + label + " needs approval: run again with "
					+ "--open-change-requests, or open a change request";
			case "version_conflict" -> "; it changed on the server meanwhile: run diff again";
			default -> "";
		};
	}

	private void push(Plan plan, String message, String label, boolean openChangeRequests) {
		PromptFiles.Local local = plan.local();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", local.name());
		body.put("type", local.type());
		if (local.isChat()) {
			body.put("messages", local.messages());
		}
		else {
			body.put("content", local.content());
		}
		body.put("description", local.hasDescription() || plan.isNew() ? local.description()
				: plan.remote().hasNonNull("description") ? plan.remote().get("description").asText() : null);
		body.put("config", config(local));
		body.put("tags", local.tags() == null || local.tags().isNull() ? List.of() : local.tags());
		body.put("message", message);
		boolean labelled = label != null && plan.labelMoves() && !openChangeRequests;
		if (labelled) {
			body.put("labels", List.of(label));
		}
		JsonNode written;
		if (plan.isNew()) {
			written = require(call(() -> this.transport.send("POST", "/prompts", body))).body();
			this.out.println("created " + local.name() + " (version 1" + (labelled ? ", labelled " + label : "") + ")");
		}
		else if (!plan.fields().isEmpty()) {
			String path = "/prompts/" + plan.remote().get("id").asText();
			written = require(call(() -> this.transport.send("PUT", path, body, "If-Match", plan.etag()))).body();
			this.out.println("updated " + local.name() + " (version " + written.get("version").asInt() + ": "
					+ String.join(", ", plan.fields()) + (labelled ? ", labelled " + label : "") + ")");
		}
		else {
			written = plan.remote();
			if (labelled) {
				String path = "/prompts/" + written.get("id").asText() + "/labels/" + label;
				Map<String, Object> move = new LinkedHashMap<>();
				move.put("version", written.get("version").asInt());
				move.put("message", message);
				require(call(() -> this.transport.send("PUT", path, move)));
				this.out.println(
						"moved " + label + " of " + local.name() + " to version " + written.get("version").asInt());
			}
		}
		if (label != null && plan.labelMoves() && openChangeRequests) {
			String path = "/prompts/" + written.get("id").asText() + "/change-requests";
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("label", label);
			request.put("version", written.get("version").asInt());
			request.put("message", message);
			JsonNode opened = require(call(() -> this.transport.send("POST", path, request))).body();
			this.out.println("opened change request " + opened.get("id").asText() + ": " + label + " of " + local.name()
					+ " to version " + written.get("version").asInt() + " (needs "
					+ opened.get("required_approvals").asInt() + " approvals)");
		}
	}

	/** An answer; the server away or the token refused stop the command. */
	private static Transport.Answer call(java.util.function.Supplier<Transport.Answer> request) {
		Transport.Answer answer;
		try {
			answer = request.get();
		}
		catch (PromptLedgerException ex) {
			throw new Stop("cannot reach the server: " + ex.getMessage());
		}
		if (answer.status() == 401) {
			throw new Stop("the server does not accept the token (PROMPTLEDGER_TOKEN): "
					+ Transport.problem(answer).getMessage());
		}
		if (answer.status() >= 500) {
			throw new Stop("the server failed (" + answer.status() + "): " + Transport.problem(answer).getMessage());
		}
		return answer;
	}

	private static Transport.Answer require(Transport.Answer answer) {
		return Transport.require(answer);
	}

}
