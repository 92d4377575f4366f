package dev.promptledger.langfuse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.identity.Actor;
import dev.promptledger.label.LabelService;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.Selector;
import dev.promptledger.version.PromptView;
import dev.promptledger.version.Version;

/**
 * Langfuse's prompt operations as promptledger's: a create is a new prompt or a new
 * version of the one with that name (a write that changes nothing makes none), labels are
 * label moves, a delete deletes the prompt. Each goes through the same services, and so
 * the same rules, as the API's own paths.
 */
@Service
class LangfusePrompts {

	/** Langfuse's default label when a get names neither a label nor a version. */
	static final String DEFAULT_LABEL = "production";

	/** The implicit label of the newest version, in Langfuse as in promptledger. */
	static final String LATEST = "latest";

	static final java.util.Set<String> CREATE_FIELDS = java.util.Set.of("name", "type", "prompt", "config", "labels",
			"tags", "commitMessage");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final PromptService prompts;

	private final PromptReads reads;

	private final PromptRequests rules;

	private final LabelService labels;

	private final LangfuseCatalog catalog;

	LangfusePrompts(PromptService prompts, PromptReads reads, PromptRequests rules, LabelService labels,
			LangfuseCatalog catalog) {
		this.prompts = prompts;
		this.reads = reads;
		this.rules = rules;
		this.labels = labels;
		this.catalog = catalog;
	}

	/** A page of a Langfuse list: the prompts on it, and how many match in all. */
	record ListPage(List<PromptView> prompts, long total) {
	}

	/**
	 * Page {@code page} (from 1) of {@code size} prompts that {@code filter} keeps, in
	 * name order.
	 */
	ListPage list(LangfuseCatalog.Filter filter, int page, int size) {
		long total = this.catalog.count(filter);
		return new ListPage(views(this.catalog.ids(filter, size, (long) (page - 1) * size)), total);
	}

	/**
	 * The prompt with that name at a version number, a label, or by default production.
	 */
	PromptView get(String name, Integer version, String label) {
		Selector selector = version != null ? Selector.of(null, version.toString())
				: Selector.of(label == null ? DEFAULT_LABEL : label, null);
		return this.reads.lookup(name, selector, false);
	}

	/**
	 * The live prompt with this name, read from the database; null when there is none.
	 */
	PromptView existing(String name) {
		return this.reads.current(name);
	}

	/** The live prompt with that name, for a write: read from the database. */
	PromptView current(String name) {
		return this.reads.lookup(name, Selector.LATEST, true);
	}

	/**
	 * A Langfuse create: a new prompt, or a new version of the live prompt of that name
	 * (its description kept; its tags replaced when given). The answer shows the version
	 * the write leaves current.
	 */
	PromptView create(Actor actor, byte[] json) {
		JsonBody body = JsonBody.parse(json, CREATE_FIELDS, java.util.Set.of("version"));
		String name = body.string("name", true);
		body.validate();
		ObjectNode draft = draft(body, name);
		PromptView existing = this.reads.current(name);
		if (existing == null) {
			try {
				return this.prompts.create(actor,
						this.rules.draft(draft.toString().getBytes(StandardCharsets.UTF_8), true));
			}
			catch (ApiException ex) {
				if (ex.code() != ErrorCode.NAME_TAKEN) {
					throw ex;
				}
				// made meanwhile by another writer: this create is its next version
				existing = current(name);
			}
		}
		Version head = existing.latest();
		draft.put("description", head.description());
		draft.put("name", head.name());
		return this.prompts
			.replace(actor, existing.id(), null,
					this.rules.draft(draft.toString().getBytes(StandardCharsets.UTF_8), false))
			.prompt();
	}

	/** The promptledger body a Langfuse create stands for. */
	static ObjectNode draft(JsonBody body, String name) {
		ObjectNode draft = NODES.objectNode();
		draft.put("name", name);
		String type = body.has("type") ? body.string("type", true) : "text";
		JsonNode prompt = body.raw("prompt");
		if (prompt == null || prompt.isNull()) {
			body.reject("prompt", "is required");
		}
		else if ("chat".equals(type)) {
			draft.put("type", "chat");
			draft.set("messages", messages(body, prompt));
		}
		else if ("text".equals(type)) {
			draft.put("type", "text");
			draft.set("content", prompt);
		}
		else if (type != null) {
			body.reject("type", "must be \"text\" or \"chat\"");
		}
		JsonNode config = body.raw("config");
		if (config != null && !config.isNull()) {
			draft.set("config", config);
		}
		JsonNode labels = body.raw("labels");
		if (labels != null && !labels.isNull()) {
			draft.set("labels", withoutLatest(labels));
		}
		JsonNode tags = body.raw("tags");
		if (tags != null && !tags.isNull()) {
			draft.set("tags", tags);
		}
		JsonNode message = body.raw("commitMessage");
		if (message != null && !message.isNull()) {
			draft.set("message", message);
		}
		body.validate();
		return draft;
	}

	/**
	 * A chat prompt's messages: Langfuse marks each as {@code "type": "chatmessage"} or
	 * {@code "placeholder"}; promptledger knows a placeholder by its type alone.
	 */
	private static JsonNode messages(JsonBody body, JsonNode prompt) {
		if (!prompt.isArray()) {
			body.reject("prompt", "a chat prompt is a list of messages");
			return NODES.arrayNode();
		}
		ArrayNode messages = NODES.arrayNode(prompt.size());
		for (JsonNode item : prompt) {
			if (item.isObject() && item.has("type") && "chatmessage".equals(item.get("type").asString(""))) {
				ObjectNode message = ((ObjectNode) item).deepCopy();
				message.remove("type");
				messages.add(message);
			}
			else {
				messages.add(item);
			}
		}
		return messages;
	}

	/** Langfuse sets {@code latest} itself; a create that names it asks for nothing. */
	private static JsonNode withoutLatest(JsonNode labels) {
		if (!labels.isArray()) {
			return labels;
		}
		ArrayNode kept = NODES.arrayNode();
		for (JsonNode label : labels) {
			if (!(label.isString() && LATEST.equals(label.stringValue()))) {
				kept.add(label);
			}
		}
		return kept;
	}

	/**
	 * Points each of {@code names} at version {@code number} of the prompt, in one
	 * transaction: all of them, or none when one may not be moved.
	 */
	@Transactional
	PromptView label(Actor actor, String name, int number, List<String> names) {
		PromptView prompt = current(name);
		this.labels.requireDirect(actor, names);
		for (String label : names) {
			this.labels.move(actor, prompt.id(), label, this.labels.check(label, Integer.toString(number)));
		}
		return this.reads.read(prompt.id(), Selector.of(null, Integer.toString(number)), true);
	}

	void delete(Actor actor, String name) {
		this.prompts.delete(actor, current(name).id(), null);
	}

	/**
	 * The live prompt of each id, as read now (a prompt deleted meanwhile is left out).
	 */
	List<PromptView> views(List<UUID> ids) {
		List<PromptView> views = new ArrayList<>(ids.size());
		for (UUID id : ids) {
			try {
				views.add(this.reads.read(id, Selector.LATEST, false));
			}
			catch (ApiException ex) {
				if (ex.code() != ErrorCode.PROMPT_NOT_FOUND) {
					throw ex;
				}
			}
		}
		return views;
	}

}
