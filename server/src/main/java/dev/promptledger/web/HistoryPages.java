package dev.promptledger.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.identity.Actor;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.version.PromptView;
import dev.promptledger.prompt.RevertOutcome;
import dev.promptledger.prompt.RevertRequest;
import dev.promptledger.version.DiffResponse;
import dev.promptledger.http.Ids;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionService;

/** History, versions, diffs, and revert with its confirmation. */
@Controller
class HistoryPages {

	private final PromptService prompts;

	private final VersionService versions;

	private final PromptRequests rules;

	HistoryPages(PromptService prompts, VersionService versions, PromptRequests rules) {
		this.prompts = prompts;
		this.versions = versions;
		this.rules = rules;
	}

	/** Versions on a page of the history. */
	static final int HISTORY_PAGE = Integer.parseInt(PromptPages.PAGE_SIZE);

	/**
	 * A page of the history, newest first, starting at version {@code upto} (default the
	 * current one): it links to the newest, newer, older and oldest pages, jumps to any
	 * version, and compares any two versions, on this page or not.
	 */
	@GetMapping("/ui/prompts/{id}/history")
	String history(@PathVariable String id, @RequestParam(required = false) String upto, Model model) {
		UUID promptId = Ids.prompt(id);
		PromptView prompt = this.prompts.get(promptId);
		int newest = prompt.latest().number();
		int top = newest;
		if (upto != null && !upto.isBlank()) {
			try {
				top = Math.max(1, Math.min(newest, Integer.parseInt(upto.trim())));
			}
			catch (NumberFormatException ex) {
				throw ApiException.invalidParameter("upto", "must be a version number");
			}
		}
		List<Version> items = this.versions.historyUpTo(promptId, top, HISTORY_PAGE);
		int lowest = items.isEmpty() ? 1 : items.get(items.size() - 1).number();
		model.addAttribute("prompt", prompt);
		model.addAttribute("items", items);
		model.addAttribute("newer", top < newest ? Math.min(newest, top + HISTORY_PAGE) : null);
		model.addAttribute("older", lowest > 1 ? lowest - 1 : null);
		model.addAttribute("oldest", lowest > 1 ? Math.min(newest, HISTORY_PAGE) : null);
		model.addAttribute("revertTargets", this.versions.revertTargets(promptId, items));
		return "ui/history";
	}

	@GetMapping("/ui/prompts/{id}/versions/{version}")
	String version(@PathVariable String id, @PathVariable String version, Model model) {
		UUID promptId = Ids.prompt(id);
		model.addAttribute("prompt", this.prompts.get(promptId));
		model.addAttribute("version", this.versions.get(promptId, version));
		return "ui/version";
	}

	@GetMapping("/ui/prompts/{id}/diff")
	String diff(@PathVariable String id, @RequestParam String from, @RequestParam String to,
			@RequestParam(defaultValue = "inline") String view, Model model) {
		UUID promptId = Ids.prompt(id);
		DiffResponse diff = this.versions.diff(promptId, to, from);
		model.addAttribute("prompt", this.prompts.get(promptId));
		Version older = this.versions.get(promptId, from);
		Version newer = this.versions.get(promptId, to);
		model.addAttribute("from", older);
		model.addAttribute("to", newer);
		model.addAttribute("fields", FieldChanges.of(older, newer));
		model.addAttribute("diff", DiffView.of(diff.hunks()));
		model.addAttribute("summary", diff.summary());
		model.addAttribute("view", view.equals("split") ? "split" : "inline");
		return "ui/diff";
	}

	/** The confirmation: a page without JavaScript, the content of a dialog with htmx. */
	@GetMapping("/ui/prompts/{id}/versions/{version}/revert")
	String confirmRevert(@PathVariable String id, @PathVariable String version, HttpServletRequest request,
			Model model) {
		UUID promptId = Ids.prompt(id);
		preview(promptId, version, model);
		return request.getHeader("HX-Request") != null ? "ui/revert :: dialog" : "ui/revert";
	}

	@PostMapping("/ui/prompts/{id}/versions/{version}/revert")
	ModelAndView revert(@AuthenticationPrincipal Actor me, @PathVariable String id, @PathVariable String version,
			@RequestParam(required = false) String baseVersionId, @RequestParam(required = false) String reason,
			RedirectAttributes flash) {
		UUID promptId = Ids.prompt(id);
		String message = reason == null || reason.isBlank() ? null : reason.trim();
		String ifMatch = baseVersionId == null || baseVersionId.isBlank() ? null : EntityTags.of(baseVersionId);
		try {
			RevertOutcome outcome = this.prompts.revert(me, promptId, ifMatch, VersionRef.parse(version),
					this.rules.check(new RevertRequest(true, message, false)));
			Version target = this.versions.get(promptId, version);
			flash.addFlashAttribute("notice",
					outcome.changed() ? "Reverted to version " + target.number() + " as version "
							+ outcome.written().number() + "."
							: "Version " + target.number() + " is already current; nothing changed.");
			return new ModelAndView("redirect:/ui/prompts/" + promptId + "/history");
		}
		catch (ApiException ex) {
			if (ex.code() != ErrorCode.VERSION_CONFLICT && ex.code() != ErrorCode.VALIDATION_FAILED) {
				throw ex;
			}
			ModelAndView page = new ModelAndView("ui/revert");
			preview(promptId, version, page.getModelMap());
			page.addObject("error", ex.code() == ErrorCode.VERSION_CONFLICT
					? "The prompt changed while you were looking. Nothing was reverted; review the new preview below."
					: ex.getMessage());
			page.addObject("reason", reason);
			page.setStatus(HttpStatus.CONFLICT);
			return page;
		}
	}

	private void preview(UUID promptId, String version, java.util.Map<String, Object> model) {
		PromptView prompt = this.prompts.get(promptId);
		Version target = this.versions.get(promptId, version);
		DiffResponse diff = this.versions.diff(promptId, target.id().toString(), prompt.latest().id().toString());
		model.put("prompt", prompt);
		model.put("target", target);
		model.put("diff", DiffView.of(diff.hunks()));
		model.put("summary", diff.summary());
		model.put("fields", FieldChanges.of(this.versions.get(promptId, prompt.latest().id().toString()), target));
	}

	private void preview(UUID promptId, String version, Model model) {
		preview(promptId, version, model.asMap());
	}

}
