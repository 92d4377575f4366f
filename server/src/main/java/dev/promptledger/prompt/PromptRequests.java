package dev.promptledger.prompt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.ApiException.FieldError;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.NameRules;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.http.TextRules;
import dev.promptledger.version.ChatItem;
import dev.promptledger.version.PromptType;
import tools.jackson.databind.JsonNode;

/** Reads and validates the bodies of prompt writes, within the configured limits. */
@Component
public class PromptRequests {

	/** The longest prompt name. */
	public static final int MAX_NAME_CHARS = 200;

	private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

	private static final Set<String> DRAFT_FIELDS = Set.of("name", "type", "content", "messages", "config",
			"description", "message", "tags", "labels");

	private static final Set<String> READ_ONLY = Set.of("id", "version", "created_at", "updated_at", "created_by",
			"latest_version", "version_id", "prompt_id", "number", "author", "change_type", "content_sha256", "summary",
			"parent_version_id", "reverted_from_version_id", "variables");

	private final PromptledgerProperties limits;

	PromptRequests(PromptledgerProperties limits) {
		this.limits = limits;
	}

	/** The body of POST ({@code create}) or PUT. */
	Checked<PromptDraft> draft(HttpServletRequest request, boolean create) {
		return Checked.of(() -> parseDraft(request, create));
	}

	Checked<PromptPatch> patch(HttpServletRequest request) {
		return Checked.of(() -> parsePatch(request));
	}

	Checked<RevertRequest> revert(HttpServletRequest request, boolean dryRun) {
		return Checked.of(() -> parseRevert(request, dryRun));
	}

	/**
	 * A whole prompt given as the JSON of a POST ({@code create}) or PUT body, from
	 * elsewhere than a request (an import), held to the same rules.
	 */
	public Checked<PromptDraft> draft(byte[] json, boolean create) {
		return Checked.of(() -> parseDraft(JsonBody.parse(json, DRAFT_FIELDS, READ_ONLY), create));
	}

	private PromptDraft parseDraft(HttpServletRequest request, boolean create) {
		return parseDraft(json(request, MediaType.APPLICATION_JSON), create);
	}

	private PromptDraft parseDraft(JsonBody body, boolean create) {
		String name = name(body, body.string("name", true));
		PromptType type = type(body, create);
		String content = null;
		List<ChatItem> messages = null;
		if (type == PromptType.TEXT) {
			content = content(body.string("content", true));
			refuse(body, "messages", "a text prompt has content, not messages (send \"type\": \"chat\")");
		}
		else if (type == PromptType.CHAT) {
			messages = BodyRules.messages(body, "messages", this.limits.maxContentBytes());
			if (!body.has("messages")) {
				body.reject("messages", "is required for a chat prompt");
			}
			refuse(body, "content", "a chat prompt has messages, not content");
		}
		PromptDraft draft = new PromptDraft(name, content, messages, BodyRules.config(body, "config"),
				description(body), message(body), BodyRules.tags(body, "tags"), BodyRules.labels(body, "labels"));
		body.validate();
		return draft;
	}

	/**
	 * The type a draft is of: its {@code type}, else text for a new prompt, else what its
	 * fields say (the service holds it to the prompt's own). Null when invalid.
	 */
	private static PromptType type(JsonBody body, boolean create) {
		if (body.has("type")) {
			String name = body.string("type", true);
			PromptType type = name == null ? null : PromptType.fromWire(name);
			if (name != null && type == null) {
				body.reject("type", "must be \"text\" or \"chat\"");
			}
			return type;
		}
		return create || !body.has("messages") ? PromptType.TEXT : PromptType.CHAT;
	}

	private static void refuse(JsonBody body, String field, String why) {
		if (body.has(field)) {
			body.reject(field, why);
		}
	}

	/**
	 * Checks a draft that did not come as JSON (the web UI's forms, an import) by the
	 * same rules: a 400 naming every field in trouble, or a 413 for content over the
	 * limit.
	 */
	public Checked<PromptDraft> check(PromptDraft draft) {
		return Checked.of(() -> {
			validate(draft);
			return draft;
		});
	}

	/**
	 * Checks a patch that did not come as JSON (an import) by the same rules as
	 * {@link #check(PromptDraft)}.
	 */
	public Checked<PromptPatch> check(PromptPatch patch) {
		return Checked.of(() -> {
			validate(patch.name(), false, patch.content(), false, patch.description(), patch.message());
			return patch;
		});
	}

	/**
	 * Checks a revert that did not come as JSON (the web UI's form): its message, by the
	 * rules of every message.
	 */
	public Checked<RevertRequest> check(RevertRequest revert) {
		return Checked.of(() -> {
			List<FieldError> errors = new ArrayList<>();
			check(errors, "message", revert.message() == null ? null : textProblem(revert.message()));
			check(errors, "message", lengthProblem(revert.message(), PromptledgerProperties.MAX_MESSAGE_CHARS));
			if (!errors.isEmpty()) {
				throw ApiException.validation(errors);
			}
			return revert;
		});
	}

	private void validate(PromptDraft draft) {
		validate(draft.name(), true, draft.content(), true, draft.description(), draft.message());
	}

	/** The rules for each field; an absent name or content is fine unless required. */
	private void validate(String name, boolean nameRequired, String content, boolean contentRequired,
			String description, String message) {
		List<FieldError> errors = new ArrayList<>();
		check(errors, "name", name == null ? (nameRequired ? "is required" : null) : textProblem(name));
		if (name != null && errors.isEmpty()) {
			check(errors, "name", NameRules.pathProblem(name, MAX_NAME_CHARS));
		}
		check(errors, "content", content == null ? (contentRequired ? "is required" : null) : textProblem(content));
		check(errors, "description", description == null ? null : textProblem(description));
		check(errors, "message", message == null ? null : textProblem(message));
		check(errors, "description", lengthProblem(description, PromptledgerProperties.MAX_DESCRIPTION_CHARS));
		check(errors, "message", lengthProblem(message, PromptledgerProperties.MAX_MESSAGE_CHARS));
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		content(content);
	}

	private static void check(List<FieldError> errors, String field, String problem) {
		if (problem != null) {
			errors.add(new FieldError(field, problem));
		}
	}

	private static String textProblem(String text) {
		return TextRules.problem(text);
	}

	private static String lengthProblem(String text, int max) {
		return text != null && text.length() > max ? "must be at most " + max + " characters long" : null;
	}

	private PromptPatch parsePatch(HttpServletRequest request) {
		JsonBody body = json(request, MERGE_PATCH, MediaType.APPLICATION_JSON);
		String name = body.has("name") ? name(body, body.string("name", true)) : null;
		String content = body.has("content") ? content(body.string("content", true)) : null;
		List<ChatItem> messages = null;
		if (body.has("messages")) {
			messages = BodyRules.messages(body, "messages", this.limits.maxContentBytes());
			if (body.isNull("messages")) {
				body.reject("messages", "must not be null");
			}
		}
		if (body.has("type")) {
			body.reject("type", "is fixed when the prompt is created");
		}
		JsonNode config = body.raw("config");
		if (config != null && !config.isNull() && !config.isObject()) {
			body.reject("config", "must be a JSON object (a merge patch of the config) or null");
		}
		PromptPatch patch = new PromptPatch(name, content, messages, config, body.has("description"), description(body),
				message(body), BodyRules.tags(body, "tags"), BodyRules.labels(body, "labels"));
		body.validate();
		return patch;
	}

	private RevertRequest parseRevert(HttpServletRequest request, boolean dryRun) {
		byte[] bytes = RequestBodies.read(request, this.limits.maxBodyBytes());
		if (bytes.length > 0) {
			RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		}
		JsonBody body = JsonBody.parseOptional(bytes, Set.of("confirm", "message"), Set.of());
		RevertRequest revert = new RevertRequest(body.bool("confirm", false), message(body), dryRun);
		body.validate();
		return revert;
	}

	private JsonBody json(HttpServletRequest request, MediaType... accepted) {
		RequestBodies.requireMediaType(request, accepted);
		byte[] bytes = RequestBodies.read(request, this.limits.maxBodyBytes());
		return JsonBody.parse(bytes, DRAFT_FIELDS, READ_ONLY);
	}

	private static String name(JsonBody body, String name) {
		String problem = name == null ? null : NameRules.pathProblem(name, MAX_NAME_CHARS);
		if (problem != null) {
			body.reject("name", problem);
		}
		return name;
	}

	private String content(String content) {
		if (content != null && utf8Length(content) > this.limits.maxContentBytes()) {
			throw new ApiException(ErrorCode.CONTENT_TOO_LARGE,
					"The content is larger than " + this.limits.maxContentBytes() + " bytes of UTF-8.");
		}
		return content;
	}

	private static String description(JsonBody body) {
		String description = body.string("description", false);
		String problem = lengthProblem(description, PromptledgerProperties.MAX_DESCRIPTION_CHARS);
		if (problem != null) {
			body.reject("description", problem);
		}
		return description;
	}

	private static String message(JsonBody body) {
		String message = body.string("message", false);
		String problem = lengthProblem(message, PromptledgerProperties.MAX_MESSAGE_CHARS);
		if (problem != null) {
			body.reject("message", problem);
		}
		return message;
	}

	private static long utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
