package dev.promptledger.langfuse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.identity.Actor;
import dev.promptledger.version.PromptView;
import dev.promptledger.version.Version;

/**
 * Langfuse's prompt endpoints, as {@code @langfuse/client} 5.x calls them (see
 * docs/api.md, "Langfuse compatibility", for every choice they leave open). Not in the
 * OpenAPI document of promptledger's own API: Langfuse documents these.
 */
@Hidden
@RestController
class LangfuseController {

	static final String ROOT = "/api/public";

	static final String PROMPTS = ROOT + "/v2/prompts";

	/** The most prompts a list page holds (Langfuse's own default is 50). */
	static final int MAX_LIMIT = 100;

	/** The furthest page a list reaches: offsets cost a scan. */
	static final int MAX_PAGE = 10_000;

	/** The version numbers a list shows per prompt: the newest ones. */
	static final int MAX_LISTED_VERSIONS = 1_000;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final LangfusePrompts prompts;

	private final PromptledgerProperties limits;

	LangfuseController(LangfusePrompts prompts, PromptledgerProperties limits) {
		this.prompts = prompts;
		this.limits = limits;
	}

	@GetMapping(PROMPTS + "/{name}")
	ObjectNode get(@PathVariable String name, @RequestParam(required = false) String version,
			@RequestParam(required = false) String label, @RequestParam(required = false) String resolve) {
		Integer number = version == null ? null : positive("version", version, Integer.MAX_VALUE);
		if (number != null && label != null) {
			throw ApiException.invalidParameter("label", "give either label or version, not both");
		}
		if (resolve != null && !resolve.equals("true") && !resolve.equals("false")) {
			throw ApiException.invalidParameter("resolve", "must be true or false");
		}
		return prompt(this.prompts.get(name, number, label));
	}

	@PostMapping(PROMPTS)
	ResponseEntity<ObjectNode> create(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
		RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		byte[] body = RequestBodies.read(request, this.limits.maxBodyBytes());
		return ResponseEntity.status(HttpStatus.CREATED).body(prompt(this.prompts.create(actor, body)));
	}

	@PatchMapping(PROMPTS + "/{name}/versions/{version}")
	ObjectNode update(@AuthenticationPrincipal Actor actor, @PathVariable String name, @PathVariable String version,
			HttpServletRequest request) {
		int number = positive("version", version, Integer.MAX_VALUE);
		RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		JsonBody body = JsonBody.parse(RequestBodies.read(request, this.limits.maxBodyBytes()),
				java.util.Set.of("newLabels"), java.util.Set.of());
		List<String> labels = labels(body);
		body.validate();
		return prompt(this.prompts.label(actor, name, number, labels));
	}

	@DeleteMapping(PROMPTS + "/{name}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String name,
			@RequestParam(required = false) String label, @RequestParam(required = false) String version) {
		if (label != null || version != null) {
			throw new LangfuseErrors.Unsupported("Deleting single versions is not supported: promptledger keeps "
					+ "every version. Delete the whole prompt (no label or version), or move or delete the label "
					+ "with promptledger's API.");
		}
		this.prompts.delete(actor, name);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(PROMPTS)
	ObjectNode list(@RequestParam(required = false) String name, @RequestParam(required = false) String label,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String page,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String fromUpdatedAt,
			@RequestParam(required = false) String toUpdatedAt) {
		int pageNumber = page == null ? 1 : positive("page", page, MAX_PAGE);
		int size = limit == null ? 50 : positive("limit", limit, MAX_LIMIT);
		boolean everyPrompt = LangfusePrompts.LATEST.equals(label);
		var filter = new LangfuseCatalog.Filter(name, everyPrompt ? null : label, tag,
				time("fromUpdatedAt", fromUpdatedAt), time("toUpdatedAt", toUpdatedAt));
		LangfusePrompts.ListPage found = this.prompts.list(filter, pageNumber, size);
		long total = found.total();
		ArrayNode data = NODES.arrayNode();
		for (PromptView view : found.prompts()) {
			data.add(meta(view));
		}
		ObjectNode answer = NODES.objectNode();
		answer.set("data", data);
		ObjectNode meta = answer.putObject("meta");
		meta.put("page", pageNumber);
		meta.put("limit", size);
		meta.put("totalItems", total);
		meta.put("totalPages", (total + size - 1) / size);
		return answer;
	}

	/** The rest of Langfuse's public API is not promptledger's. */
	@RequestMapping(ROOT + "/**")
	void unsupported(HttpServletRequest request) {
		throw new LangfuseErrors.Unsupported("promptledger serves Langfuse's prompt endpoints only (" + PROMPTS + "); "
				+ request.getMethod() + " " + request.getRequestURI() + " is not supported.");
	}

	/** A version as Langfuse's {@code Prompt}: text or chat, with its labels and tags. */
	static ObjectNode prompt(PromptView view) {
		Version version = view.shown();
		ObjectNode prompt = NODES.objectNode();
		prompt.put("name", version.name());
		prompt.put("version", version.number());
		prompt.put("type", version.type().wireName());
		if (version.body().messages() != null) {
			ArrayNode messages = prompt.putArray("prompt");
			for (JsonNode item : version.body().messagesJson()) {
				ObjectNode message = ((ObjectNode) item).deepCopy();
				if (!message.has("type")) {
					message.put("type", "chatmessage");
				}
				messages.add(message);
			}
		}
		else {
			prompt.put("prompt", version.body().content());
		}
		prompt.set("config", version.body().config());
		ArrayNode labels = prompt.putArray("labels");
		view.labelsOf(version).forEach(labels::add);
		if (version.id().equals(view.latest().id())) {
			labels.add(LangfusePrompts.LATEST);
		}
		ArrayNode tags = prompt.putArray("tags");
		view.tags().forEach(tags::add);
		if (version.message() != null) {
			prompt.put("commitMessage", version.message());
		}
		return prompt;
	}

	/**
	 * A prompt as an item of Langfuse's list: its newest version numbers, every label.
	 */
	private static ObjectNode meta(PromptView view) {
		Version latest = view.latest();
		ObjectNode meta = NODES.objectNode();
		meta.put("name", latest.name());
		meta.put("type", latest.type().wireName());
		ArrayNode versions = meta.putArray("versions");
		for (int number = Math.max(1, latest.number() - MAX_LISTED_VERSIONS + 1); number <= latest.number(); number++) {
			versions.add(number);
		}
		TreeSet<String> labels = new TreeSet<>();
		for (Map.Entry<java.util.UUID, List<String>> entry : view.labels().entrySet()) {
			labels.addAll(entry.getValue());
		}
		labels.add(LangfusePrompts.LATEST);
		labels.forEach(meta.putArray("labels")::add);
		view.tags().forEach(meta.putArray("tags")::add);
		meta.put("lastUpdatedAt", view.updatedAt().truncatedTo(ChronoUnit.MILLIS).toString());
		meta.set("lastConfig", latest.body() == null ? NODES.objectNode() : latest.body().config());
		return meta;
	}

	/**
	 * The names of {@code newLabels}: strings, without {@code latest}, which is not set
	 * by hand.
	 */
	private static List<String> labels(JsonBody body) {
		JsonNode value = body.raw("newLabels");
		List<String> labels = new ArrayList<>();
		if (value == null || !value.isArray()) {
			body.reject("newLabels", value == null ? "is required" : "must be a list of label names");
			return labels;
		}
		for (JsonNode label : value) {
			if (!label.isString()) {
				body.reject("newLabels", "must be a list of label names");
			}
			else if (LangfusePrompts.LATEST.equals(label.stringValue())) {
				body.reject("newLabels", "'latest' always points at the newest version; it cannot be set");
			}
			else {
				labels.add(label.stringValue());
			}
		}
		return labels;
	}

	/** A whole number from 1 to {@code max}. */
	private static int positive(String parameter, String value, int max) {
		if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
			throw ApiException.invalidParameter(parameter, "must be a whole number from 1 to " + max);
		}
		long number = Long.parseLong(value);
		if (number < 1 || number > max) {
			throw ApiException.invalidParameter(parameter, "must be a whole number from 1 to " + max);
		}
		return (int) number;
	}

	private static Instant time(String parameter, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalidParameter(parameter, "must be an ISO 8601 time such as 2026-01-31T12:00:00Z");
		}
	}

	/** The Langfuse name of a field that promptledger's rules named. */
	static String langfuseField(String field) {
		if (field.equals("content") || field.startsWith("messages")) {
			return "prompt" + field.substring(field.startsWith("messages") ? "messages".length() : field.length());
		}
		return field.equals("message") ? "commitMessage" : field;
	}

}
