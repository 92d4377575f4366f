package dev.promptledger.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Event;
import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.JsonBody;
import dev.promptledger.audit.Changes;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Ids;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;
import dev.promptledger.identity.Actor;

/** Creating, listing and deleting webhooks, and their delivery logs (admin). */
@Service
public class Webhooks {

	/** What a {@code POST /webhooks} asks for, its fields checked. */
	public record Request(URI url, List<String> events, String description) {
	}

	private final WebhookStore store;

	private final Changes changes;

	private final Cursors cursors;

	private final Clock clock;

	private final TargetGuard guard;

	Webhooks(WebhookStore store, Changes changes, Cursors cursors, Clock clock, WebhookSettings settings) {
		this.store = store;
		this.changes = changes;
		this.cursors = cursors;
		this.clock = clock;
		this.guard = new TargetGuard(settings.allowPrivate());
	}

	/**
	 * Subscribes a URL; answers the webhook with its secret, shown this once. 400
	 * {@code webhook_url_forbidden} for a target the guard refuses.
	 */
	@Transactional
	public Webhook create(Actor actor, Request request) {
		String problem;
		try {
			problem = this.guard.problem(request.url());
		}
		catch (UnknownHostException ex) {
			throw ApiException.validation(List
				.of(new ApiException.FieldError("url", "its host " + request.url().getHost() + " does not resolve")));
		}
		if (problem != null) {
			throw new ApiException(ErrorCode.WEBHOOK_URL_FORBIDDEN, "Webhook target refused: " + problem + ".");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Webhook webhook = new Webhook(UUID.randomUUID(), request.url().toString(), request.events(),
				request.description(), Signature.newSecret(), now, actor.username());
		this.store.insert(webhook);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("webhook_id", webhook.id());
		details.put("url", webhook.url());
		details.put("events", webhook.events());
		this.changes.record(actor.username(), AuditAction.WEBHOOK_CREATE, null, null, details, now);
		return webhook;
	}

	@Transactional(readOnly = true)
	public List<Webhook> list() {
		return this.store.all();
	}

	@Transactional(readOnly = true)
	public Webhook get(String id) {
		UUID parsed = Ids.parse(id);
		return (parsed == null ? java.util.Optional.<Webhook>empty() : this.store.find(parsed))
			.orElseThrow(() -> notFound(id));
	}

	/** Unsubscribes: pending deliveries are dropped with the delivery log. */
	@Transactional
	public void delete(Actor actor, String id) {
		Webhook webhook = get(id);
		this.store.delete(webhook.id());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("webhook_id", webhook.id());
		details.put("url", webhook.url());
		this.changes.record(actor.username(), AuditAction.WEBHOOK_DELETE, null, null, details,
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
	}

	/** The webhook's deliveries, newest event first. */
	@Transactional(readOnly = true)
	public Page<Delivery> deliveries(String id, String limit, String cursor) {
		Webhook webhook = get(id);
		String scope = "webhook-deliveries\n" + webhook.id();
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		Long before = page.position() == null ? null : Long.valueOf(page.position());
		return Keyset.page(this.store.deliveries(webhook.id(), before, page.limit() + 1), page.limit(), this.cursors,
				scope, Delivery::seq);
	}

	private static ApiException notFound(String id) {
		return new ApiException(ErrorCode.WEBHOOK_NOT_FOUND, "No webhook " + id + ".");
	}

	/**
	 * A subscription given as the JSON of {@code POST /webhooks} (from the API or the web
	 * UI's form).
	 */
	public static Request request(byte[] json) {
		JsonBody body = JsonBody.parse(json, Set.of("url", "events", "description"),
				Set.of("id", "secret", "created_at", "created_by"));
		String text = body.string("url", true);
		URI url = null;
		if (text != null) {
			String problem = urlProblem(text);
			if (problem != null) {
				body.reject("url", problem);
			}
			else {
				url = URI.create(text);
			}
		}
		JsonNode events = body.raw("events");
		List<String> types = new ArrayList<>();
		if (events == null || !events.isArray() || events.isEmpty()) {
			body.reject("events", "is required: a non-empty list of event types, or [\"*\"] for all");
		}
		else {
			for (JsonNode event : events) {
				String type = event.isString() ? event.stringValue() : null;
				if (type == null || !(type.equals("*") || Event.TYPES.contains(type))) {
					body.reject("events", "each must be one of " + Event.TYPES + " or \"*\"");
					break;
				}
				if (!types.contains(type)) {
					types.add(type);
				}
			}
		}
		String description = body.string("description", false);
		if (description != null && description.length() > PromptledgerProperties.MAX_DESCRIPTION_CHARS) {
			body.reject("description",
					"must be at most " + PromptledgerProperties.MAX_DESCRIPTION_CHARS + " characters long");
		}
		body.validate();
		return new Request(url, types.contains("*") ? List.of("*") : List.copyOf(types), description);
	}

	/** Why the text is not a URL a webhook can be delivered to, or null. */
	static String urlProblem(String text) {
		if (text.length() > WebhookController.MAX_URL_CHARS) {
			return "must be at most " + WebhookController.MAX_URL_CHARS + " characters long";
		}
		URI url;
		try {
			url = new URI(text);
		}
		catch (URISyntaxException ex) {
			return "is not a URL";
		}
		if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
			return "must be an http or https URL";
		}
		if (url.getHost() == null || url.getHost().isEmpty()) {
			return "must name a host";
		}
		if (url.getRawUserInfo() != null) {
			return "must not carry credentials (user:password@)";
		}
		if (url.getRawFragment() != null) {
			return "must not have a fragment (#...)";
		}
		return null;
	}

}
