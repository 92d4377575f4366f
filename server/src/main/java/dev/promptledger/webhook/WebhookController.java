package dev.promptledger.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.audit.Event;
import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.Page;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.identity.Actor;

/** Webhooks (admin): subscribe, list, read, unsubscribe, and each one's delivery log. */
@RestController
class WebhookController {

	static final int MAX_URL_CHARS = 2048;

	private final Webhooks webhooks;

	private final PromptledgerProperties limits;

	WebhookController(Webhooks webhooks, PromptledgerProperties limits) {
		this.webhooks = webhooks;
		this.limits = limits;
	}

	@Schema(name = "WebhookCreate")
	record Create(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_URL_CHARS,
					description = "http or https; loopback and private addresses only with "
							+ "PROMPTLEDGER_WEBHOOK_ALLOW_PRIVATE=true, link-local never") String url,
			@ArraySchema(minItems = 1, maxItems = 8, schema = @Schema(allowableValues = {
					"*", Event.VERSION_CREATED, Event.PROMPT_DELETED, Event.LABEL_MOVED, Event.LABEL_DELETED,
					Event.CHANGE_REQUEST_OPENED, Event.CHANGE_REQUEST_APPLIED,
					Event.CHANGE_REQUEST_CLOSED })) List<String> events,
			@Schema(maxLength = PromptledgerProperties.MAX_DESCRIPTION_CHARS, nullable = true) String description){
	}

	@Operation(summary = "Subscribe a URL to events; the answer shows the signing secret this once (admin)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Create.class)))
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
			content = @Content(schema = @Schema(implementation = Webhook.class)))
	@PostMapping("/webhooks")
	ResponseEntity<Webhook> create(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
		Webhook created = this.webhooks.create(actor,
				Webhooks.request(RequestBodies.readJson(request, this.limits.maxBodyBytes())));
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/webhooks/" + created.id()))
			.body(created);
	}

	@Operation(summary = "Every webhook, oldest first, without secrets (admin)")
	@GetMapping("/webhooks")
	Map<String, List<Webhook>> list() {
		return Map.of("items", this.webhooks.list());
	}

	@Operation(summary = "A webhook, without its secret (admin)")
	@GetMapping("/webhooks/{id}")
	Webhook get(@PathVariable String id) {
		return this.webhooks.get(id);
	}

	@Operation(summary = "Unsubscribe; pending deliveries are dropped (admin)")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Deleted")
	@DeleteMapping("/webhooks/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
		this.webhooks.delete(actor, id);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "The webhook's deliveries, newest event first (admin)")
	@GetMapping("/webhooks/{id}/deliveries")
	Page<Delivery> deliveries(@PathVariable String id, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		return this.webhooks.deliveries(id, limit, cursor);
	}

}
