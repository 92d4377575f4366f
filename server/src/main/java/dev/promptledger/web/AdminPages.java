package dev.promptledger.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Event;
import dev.promptledger.audit.AuditQueries;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.Ids;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.IdentityRequests;
import dev.promptledger.identity.IdentityService;
import dev.promptledger.identity.Role;
import dev.promptledger.label.LabelPolicies;
import dev.promptledger.version.Json;

import dev.promptledger.webhook.Webhook;
import dev.promptledger.webhook.Webhooks;

/**
 * The administration pages (admins only): users and their tokens, label policies,
 * webhooks with their delivery logs, and the audit log. Every form is checked by the
 * API's own parser of the same request, so a page refuses what the API refuses, with the
 * same words; a secret (a new token, a webhook's signing secret) is shown once, on the
 * answer to the post that made it, never stored in a page that can be revisited.
 */
@Controller
class AdminPages {

	private static final String PAGE_SIZE = "50";

	private final IdentityService identities;

	private final IdentityRequests identityRequests;

	private final LabelPolicies policies;

	private final Webhooks webhooks;

	private final AuditQueries audit;

	AdminPages(IdentityService identities, IdentityRequests identityRequests, LabelPolicies policies, Webhooks webhooks,
			AuditQueries audit) {
		this.identities = identities;
		this.identityRequests = identityRequests;
		this.policies = policies;
		this.webhooks = webhooks;
		this.audit = audit;
	}

	@GetMapping({ "/ui/admin", "/ui/admin/" })
	String home() {
		return "redirect:/ui/admin/users";
	}

	// users and tokens

	@GetMapping("/ui/admin/users")
	String users(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", this.identities.userViews(PAGE_SIZE, cursor));
		model.addAttribute("roles", Role.values());
		return "ui/admin/users";
	}

	@PostMapping("/ui/admin/users")
	ModelAndView createUser(@AuthenticationPrincipal Actor me, @RequestParam MultiValueMap<String, String> params,
			RedirectAttributes flash) {
		String username = text(params, "username");
		try {
			IdentityRequests.NewUser user = this.identityRequests.newUser(
					json("username", username, "role", text(params, "role"), "password", params.getFirst("password")));
			this.identities.create(me, user.username(), user.role(), user.password());
			flash.addFlashAttribute("notice", "Created " + user.username() + ".");
			return new ModelAndView("redirect:/ui/admin/users/" + user.username());
		}
		catch (ApiException ex) {
			ModelAndView page = new ModelAndView("ui/admin/users");
			page.addObject("page", this.identities.userViews(PAGE_SIZE, null));
			page.addObject("roles", Role.values());
			page.addObject("errors", PromptPages.errors(ex));
			page.addObject("draft", Map.of("username", username == null ? "" : username, "role",
					params.getFirst("role") == null ? "" : params.getFirst("role")));
			page.setStatus(ex.code().status());
			return page;
		}
	}

	@GetMapping("/ui/admin/users/{username}")
	String user(@PathVariable String username, @RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("user", this.identities.userView(username));
		model.addAttribute("tokens", this.identities.tokens(username, PAGE_SIZE, cursor));
		model.addAttribute("roles", Role.values());
		return "ui/admin/user";
	}

	@PostMapping("/ui/admin/users/{username}/role")
	ModelAndView setRole(@AuthenticationPrincipal Actor me, @PathVariable String username,
			@RequestParam(required = false) String role, RedirectAttributes flash) {
		return onUser(username, flash, () -> {
			IdentityRequests.UserChange change = this.identityRequests.userChange(json("role", role));
			this.identities.update(me, username, change.role(), null);
			return username + " is now " + change.role().wireName() + ".";
		});
	}

	@PostMapping("/ui/admin/users/{username}/disabled")
	ModelAndView setDisabled(@AuthenticationPrincipal Actor me, @PathVariable String username,
			@RequestParam boolean disabled, RedirectAttributes flash) {
		return onUser(username, flash, () -> {
			this.identities.update(me, username, null, disabled);
			return disabled ? username + " is disabled: their sessions and tokens stop working now."
					: username + " is enabled again.";
		});
	}

	@PostMapping("/ui/admin/users/{username}/password")
	ModelAndView setPassword(@AuthenticationPrincipal Actor me, @PathVariable String username,
			@RequestParam(required = false) String password, RedirectAttributes flash) {
		return onUser(username, flash, () -> {
			this.identities.setPassword(me, username, this.identityRequests.password(json("password", password)));
			return "The password of " + username + " is reset.";
		});
	}

	/**
	 * Issues a token and shows it on this answer only (never cached, never in a
	 * redirect).
	 */
	@PostMapping("/ui/admin/users/{username}/tokens")
	ModelAndView issueToken(@AuthenticationPrincipal Actor me, @PathVariable String username,
			@RequestParam(required = false) String name, HttpServletResponse response, RedirectAttributes flash) {
		try {
			String tokenName = this.identityRequests
				.tokenName(name == null || name.isBlank() ? new byte[0] : json("name", name.trim()));
			IdentityService.IssuedToken issued = this.identities.issueToken(me, username, tokenName);
			response.setHeader("Cache-Control", "no-store");
			ModelAndView page = new ModelAndView("ui/admin/user");
			page.addObject("user", this.identities.userView(username));
			page.addObject("tokens", this.identities.tokens(username, PAGE_SIZE, null));
			page.addObject("roles", Role.values());
			page.addObject("issued", issued);
			return page;
		}
		catch (ApiException ex) {
			return failed(username, ex, flash);
		}
	}

	@PostMapping("/ui/admin/tokens/{tokenId}/revoke")
	ModelAndView revokeToken(@AuthenticationPrincipal Actor me, @PathVariable String tokenId,
			@RequestParam String username, RedirectAttributes flash) {
		return onUser(username, flash, () -> {
			this.identities.revokeToken(me, Ids.parse(tokenId));
			return "The token is revoked: it stops working now.";
		});
	}

	private interface Step {

		String run();

	}

	/** Runs a change of a user and goes back to the user's page saying what happened. */
	private ModelAndView onUser(String username, RedirectAttributes flash, Step step) {
		try {
			flash.addFlashAttribute("notice", step.run());
		}
		catch (ApiException ex) {
			return failed(username, ex, flash);
		}
		return new ModelAndView("redirect:/ui/admin/users/" + username);
	}

	private ModelAndView failed(String username, ApiException ex, RedirectAttributes flash) {
		if (ex.code().status().value() == 404) {
			throw ex;
		}
		flash.addFlashAttribute("failure", PromptPages.errors(ex).values().iterator().next());
		return new ModelAndView("redirect:/ui/admin/users/" + username);
	}

	// label policies

	@GetMapping("/ui/admin/policies")
	String policies(Model model) {
		model.addAttribute("policies", this.policies.list());
		model.addAttribute("maxApprovals", LabelPolicies.MAX_APPROVALS);
		return "ui/admin/policies";
	}

	@PostMapping("/ui/admin/policies")
	ModelAndView setPolicy(@AuthenticationPrincipal Actor me, @RequestParam(required = false) String label,
			@RequestParam(required = false) String approvals,
			@RequestParam(name = "approver_role", required = false) String approverRole, RedirectAttributes flash) {
		String name = label == null ? "" : label.trim();
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		try {
			body.put("approvals", Integer.parseInt(approvals == null ? "" : approvals.trim()));
		}
		catch (NumberFormatException ex) {
			body.put("approvals", approvals);
		}
		body.put("approver_role", approverRole);
		try {
			this.policies.set(me, name, Checked.of(() -> LabelPolicies.terms(bytes(body), name)));
			flash.addFlashAttribute("notice", "The policy of " + name + " is set.");
			return new ModelAndView("redirect:/ui/admin/policies");
		}
		catch (ApiException ex) {
			ModelAndView page = new ModelAndView("ui/admin/policies");
			page.addObject("policies", this.policies.list());
			page.addObject("maxApprovals", LabelPolicies.MAX_APPROVALS);
			page.addObject("errors", PromptPages.errors(ex));
			page.addObject("draft", Map.of("label", name, "approvals", approvals == null ? "" : approvals));
			page.setStatus(ex.code().status());
			return page;
		}
	}

	@PostMapping("/ui/admin/policies/{label}/delete")
	String deletePolicy(@AuthenticationPrincipal Actor me, @PathVariable String label, RedirectAttributes flash) {
		this.policies.delete(me, label);
		flash.addFlashAttribute("notice", "The policy of " + label + " is removed: it moves without approval now.");
		return "redirect:/ui/admin/policies";
	}

	// webhooks

	@GetMapping("/ui/admin/webhooks")
	String webhooks(Model model) {
		webhooksPage(model::addAttribute);
		return "ui/admin/webhooks";
	}

	/** Subscribes a URL and shows its signing secret on this answer only. */
	@PostMapping("/ui/admin/webhooks")
	ModelAndView createWebhook(@AuthenticationPrincipal Actor me, @RequestParam MultiValueMap<String, String> params,
			HttpServletResponse response) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("url", text(params, "url"));
		List<String> events = params.getOrDefault("events", List.of());
		events.forEach(body.putArray("events")::add);
		String description = text(params, "description");
		if (description != null && !description.isBlank()) {
			body.put("description", description);
		}
		ModelAndView page = new ModelAndView("ui/admin/webhooks");
		try {
			Webhook created = this.webhooks.create(me, Webhooks.request(bytes(body)));
			response.setHeader("Cache-Control", "no-store");
			page.addObject("created", created);
		}
		catch (ApiException ex) {
			page.addObject("errors", PromptPages.errors(ex));
			page.addObject("draft", Map.of("url", text(params, "url") == null ? "" : text(params, "url"), "description",
					description == null ? "" : description, "events", events));
			page.setStatus(ex.code().status());
		}
		webhooksPage(page::addObject);
		return page;
	}

	private void webhooksPage(java.util.function.BiConsumer<String, Object> model) {
		model.accept("webhooks", this.webhooks.list());
		model.accept("eventTypes", Event.TYPES.stream().sorted().toList());
	}

	@GetMapping("/ui/admin/webhooks/{id}")
	String webhook(@PathVariable String id, @RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("webhook", this.webhooks.get(id));
		model.addAttribute("deliveries", this.webhooks.deliveries(id, PAGE_SIZE, cursor));
		return "ui/admin/webhook";
	}

	@PostMapping("/ui/admin/webhooks/{id}/delete")
	String deleteWebhook(@AuthenticationPrincipal Actor me, @PathVariable String id, RedirectAttributes flash) {
		Webhook webhook = this.webhooks.get(id);
		this.webhooks.delete(me, id);
		flash.addFlashAttribute("notice", "Unsubscribed " + webhook.url() + "; its pending deliveries are dropped.");
		return "redirect:/ui/admin/webhooks";
	}

	// the audit log

	@GetMapping("/ui/admin/audit")
	String audit(@RequestParam(name = "prompt_id", required = false) String promptId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("filters", Map.of("prompt_id", promptId == null ? "" : promptId.trim(), "actor",
				actor == null ? "" : actor.trim(), "action", action == null ? "" : action));
		model.addAttribute("actions",
				java.util.Arrays.stream(AuditAction.values()).map(AuditAction::wireName).toList());
		model.addAttribute("page", this.audit.page(promptId == null ? null : promptId.trim(),
				actor == null ? null : actor.trim(), action, PAGE_SIZE, cursor));
		return "ui/admin/audit";
	}

	private static String text(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return value == null ? null : value.trim();
	}

	/** A JSON object of the pairs given (a null value is left out). */
	private static byte[] json(String... pairs) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				body.put(pairs[i], pairs[i + 1]);
			}
		}
		return bytes(body);
	}

	private static byte[] bytes(ObjectNode body) {
		return Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
