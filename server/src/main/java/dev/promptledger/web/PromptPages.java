package dev.promptledger.web;

import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.identity.Actor;
import dev.promptledger.label.LabelService;
import dev.promptledger.prompt.ListQuery;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.version.PromptView;
import dev.promptledger.prompt.WriteResult;
import dev.promptledger.version.DiffResponse;
import dev.promptledger.http.Ids;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionService;

/** The prompt list, a prompt's page, and creating and editing prompts. */
@Controller
class PromptPages {

	static final String PAGE_SIZE = "25";

	private final PromptService prompts;

	private final VersionService versions;

	private final PromptRequests rules;

	private final LabelService labels;

	private final dev.promptledger.label.LabelPolicies policies;

	private final dev.promptledger.config.PromptledgerProperties limits;

	PromptPages(PromptService prompts, VersionService versions, PromptRequests rules, LabelService labels,
			dev.promptledger.label.LabelPolicies policies, dev.promptledger.config.PromptledgerProperties limits) {
		this.limits = limits;
		this.policies = policies;
		this.labels = labels;
		this.prompts = prompts;
		this.versions = versions;
		this.rules = rules;
	}

	/**
	 * The prompts: searched by name, description and content ({@code q}), kept to those
	 * with every tag given, in the order asked (the most recently changed first).
	 */
	@GetMapping("/ui/prompts")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) List<String> tag,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String cursor, Model model) {
		String query = q == null || q.isBlank() ? null : q.trim();
		List<String> tags = tag == null ? List.of()
				: tag.stream().map(String::trim).filter(value -> !value.isEmpty()).distinct().toList();
		String order = sort == null || sort.isBlank() ? "updated_at" : sort;
		model.addAttribute("q", query == null ? "" : query);
		model.addAttribute("tags", tags);
		// each tag filter's remove link keeps the others
		model.addAttribute("without",
				tags.stream()
					.collect(java.util.stream.Collectors.toMap(t -> t,
							t -> tags.stream().filter(other -> !other.equals(t)).toList())));
		model.addAttribute("sort", order);
		model.addAttribute("page", this.prompts.list(ListQuery.of(query, tags, order), PAGE_SIZE, cursor));
		return "ui/prompts";
	}

	@GetMapping("/ui/prompts/new")
	String newPrompt(@RequestParam(required = false) String type, Model model) {
		model.addAttribute("form", PromptForm.empty(type));
		return "ui/new";
	}

	/**
	 * Creates the prompt, or shows the form again after an editing step or with its
	 * errors.
	 */
	@PostMapping("/ui/prompts")
	ModelAndView create(@AuthenticationPrincipal Actor me, @RequestParam MultiValueMap<String, String> params,
			RedirectAttributes flash) {
		PromptForm form = PromptForm.posted(params);
		if (PromptForm.isStep(params.getFirst("op"))) {
			return step("ui/new", form, params.getFirst("op"));
		}
		try {
			PromptView created = this.prompts.create(me, form.draft(this.rules, true, null));
			flash.addFlashAttribute("notice", "Created " + created.latest().name() + " as version 1.");
			return new ModelAndView("redirect:/ui/prompts/" + created.id());
		}
		catch (ApiException ex) {
			ModelAndView page = new ModelAndView("ui/new");
			page.addObject("form", form);
			page.addObject("errors", errors(ex));
			page.setStatus(ex.code().status());
			return page;
		}
	}

	@GetMapping("/ui/prompts/{id}")
	String prompt(@PathVariable String id, Model model) {
		workbench(this.prompts.get(Ids.prompt(id)), Map.of(), null, model);
		return "ui/prompt";
	}

	/**
	 * The prompt page with the current version rendered with the variables posted
	 * ({@code var.NAME}, and for a placeholder {@code placeholder.NAME}, a JSON list of
	 * messages): nothing is stored and no model is called.
	 */
	@PostMapping("/ui/prompts/{id}/render")
	String render(@PathVariable String id, @RequestParam MultiValueMap<String, String> params, Model model) {
		PromptView prompt = this.prompts.get(Ids.prompt(id));
		RenderForm form = RenderForm.posted(prompt.latest().body(), params);
		workbench(prompt, form.values(), form.render(prompt.latest().body(), this.limits.maxContentBytes()), model);
		return "ui/prompt";
	}

	/**
	 * What the prompt page shows: the prompt, its labels and policies, the render panel
	 * and the snippets.
	 */
	private void workbench(PromptView prompt, Map<String, String> values, RenderForm.Outcome rendered, Model model) {
		List<dev.promptledger.label.Label> labelled = this.labels.labels(prompt.id());
		model.addAttribute("prompt", prompt);
		model.addAttribute("labels", labelled);
		model.addAttribute("policies", this.policies.byLabel());
		model.addAttribute("inputs", RenderForm.inputs(prompt.latest().body()));
		model.addAttribute("values", values);
		model.addAttribute("rendered", rendered);
		String label = labelled.stream()
			.map(dev.promptledger.label.Label::label)
			.filter("production"::equals)
			.findFirst()
			.orElse(labelled.isEmpty() ? "latest" : labelled.get(0).label());
		model.addAttribute("snippets",
				Snippets.of(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(),
						prompt.latest().name(), label, prompt.latest().body().variables()));
		model.addAttribute("snippetLabel", label);
	}

	@GetMapping("/ui/prompts/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		PromptView prompt = this.prompts.get(Ids.prompt(id));
		model.addAttribute("prompt", prompt);
		model.addAttribute("form", PromptForm.editing(prompt.latest()));
		return "ui/edit";
	}

	/**
	 * Saves the form as the next version (the whole version as shown: name, description,
	 * content or messages, config; the prompt's tags and labels stay), or shows it again
	 * after an editing step, with its errors, or with the change that came first.
	 */
	@PostMapping("/ui/prompts/{id}/edit")
	ModelAndView save(@AuthenticationPrincipal Actor me, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> params, RedirectAttributes flash) {
		UUID promptId = Ids.prompt(id);
		PromptForm form = PromptForm.posted(params);
		if (PromptForm.isStep(params.getFirst("op"))) {
			return step("ui/edit", form, params.getFirst("op")).addObject("prompt", this.prompts.get(promptId));
		}
		try {
			String base = form.baseVersionId();
			String ifMatch = base == null || base.isBlank() ? "\"none\"" : EntityTags.of(base);
			Version opened = base == null || base.isBlank() ? null : this.versions.get(promptId, base);
			WriteResult result = this.prompts.replace(me, promptId, ifMatch,
					form.draft(this.rules, false, opened == null ? null : opened.body()));
			flash.addFlashAttribute("notice",
					result.changed() ? "Saved as version " + result.prompt().latest().number() + "."
							: "Nothing changed; no new version.");
			return new ModelAndView("redirect:/ui/prompts/" + promptId);
		}
		catch (ApiException ex) {
			PromptView current = this.prompts.get(promptId);
			if (ex.code() == ErrorCode.VERSION_CONFLICT) {
				return conflict(promptId, form, current);
			}
			ModelAndView page = new ModelAndView("ui/edit");
			page.addObject("prompt", current);
			page.addObject("form", form);
			page.addObject("errors", errors(ex));
			page.setStatus(ex.code().status());
			return page;
		}
	}

	/** The form again after a step of the message editor, its place in focus. */
	private static ModelAndView step(String view, PromptForm form, String op) {
		PromptForm next = form.apply(op);
		return new ModelAndView(view, Map.of("form", next, "focus", PromptForm.focusAfter(op, next.messages().size())));
	}

	/**
	 * Someone saved since the form was opened: show what they changed, and keep this
	 * user's text.
	 */
	private ModelAndView conflict(UUID promptId, PromptForm form, PromptView current) {
		Version base = form.baseVersionId() == null ? null : this.versions.get(promptId, form.baseVersionId());
		Version latest = this.versions.get(promptId, current.latest().id().toString());
		DiffResponse diff = DiffResponse.of(base, latest);
		ModelAndView page = new ModelAndView("ui/conflict");
		page.setStatus(HttpStatus.CONFLICT);
		page.addObject("prompt", current);
		page.addObject("base", base);
		page.addObject("diff", DiffView.of(diff.hunks()));
		page.addObject("summary", diff.summary());
		page.addObject("fields", base == null ? null : FieldChanges.of(base, latest));
		page.addObject("form", form.basedOn(latest.id().toString()));
		return page;
	}

	@GetMapping("/ui/prompts/{id}/delete")
	String confirmDelete(@PathVariable String id, Model model) {
		model.addAttribute("prompt", this.prompts.get(Ids.prompt(id)));
		return "ui/delete";
	}

	@PostMapping("/ui/prompts/{id}/delete")
	String delete(@AuthenticationPrincipal Actor me, @PathVariable String id,
			@RequestParam(name = "baseVersionId", required = false) String base, RedirectAttributes flash) {
		PromptView prompt = this.prompts.get(Ids.prompt(id));
		this.prompts.delete(me, prompt.id(), base == null || base.isBlank() ? null : EntityTags.of(base));
		flash.addFlashAttribute("notice", "Deleted " + prompt.latest().name() + ". Its history is kept.");
		return "redirect:/ui/prompts";
	}

	static Map<String, String> errors(ApiException ex) {
		Map<String, String> errors = new HashMap<>();
		Object list = ex.properties().get("errors");
		if (list instanceof java.util.List<?> fieldErrors) {
			for (Object item : fieldErrors) {
				if (item instanceof ApiException.FieldError error) {
					errors.putIfAbsent(error.field(), error.message());
				}
			}
		}
		if (ex.code() == ErrorCode.CONTENT_TOO_LARGE) {
			errors.put("content", ex.getMessage());
		}
		if (ex.code() == ErrorCode.NAME_TAKEN) {
			errors.put("name", ex.getMessage());
		}
		if (errors.isEmpty()) {
			errors.put("form", ex.getMessage());
		}
		return errors;
	}

}
