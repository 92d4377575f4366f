package dev.promptledger.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.promptledger.identity.Actor;
import dev.promptledger.label.Label;
import dev.promptledger.label.LabelPolicies;
import dev.promptledger.label.LabelService;
import dev.promptledger.review.ChangeRequestReads;
import dev.promptledger.watch.Watches;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.version.PromptView;
import dev.promptledger.version.DiffResponse;
import dev.promptledger.http.Ids;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionService;

/**
 * Moving a label after a confirmation that shows what changes for its readers, and a
 * label's history.
 */
@Controller
class LabelPages {

	private final PromptService prompts;

	private final VersionService versions;

	private final LabelService labels;

	private final LabelPolicies policies;

	private final Watches watches;

	private final ChangeRequestReads changeRequests;

	LabelPages(PromptService prompts, VersionService versions, LabelService labels, LabelPolicies policies,
			Watches watches, ChangeRequestReads changeRequests) {
		this.watches = watches;
		this.changeRequests = changeRequests;
		this.policies = policies;
		this.prompts = prompts;
		this.versions = versions;
		this.labels = labels;
	}

	@GetMapping("/ui/prompts/{id}/labels/move")
	String confirmMove(@PathVariable String id, @RequestParam String label, @RequestParam String version, Model model) {
		UUID promptId = Ids.prompt(id);
		PromptView prompt = this.prompts.get(promptId);
		Version target = this.versions.get(promptId, version);
		Label current = this.labels.labels(promptId)
			.stream()
			.filter(existing -> existing.label().equals(label))
			.findFirst()
			.orElse(null);
		Version from = current == null ? null : this.versions.get(promptId, current.versionId().toString());
		DiffResponse diff = DiffResponse.of(from, target);
		model.addAttribute("prompt", prompt);
		model.addAttribute("label", label);
		model.addAttribute("from", from);
		model.addAttribute("target", target);
		model.addAttribute("diff", DiffView.of(diff.hunks()));
		model.addAttribute("summary", diff.summary());
		model.addAttribute("fields", from == null ? null : FieldChanges.of(from, target));
		model.addAttribute("policy", this.policies.find(label).orElse(null));
		return "ui/label-move";
	}

	@PostMapping("/ui/prompts/{id}/labels/move")
	ModelAndView move(@AuthenticationPrincipal Actor me, @PathVariable String id, @RequestParam String label,
			@RequestParam String version, @RequestParam(required = false) String message, RedirectAttributes flash) {
		UUID promptId = Ids.prompt(id);
		Label moved = this.labels.move(me, promptId, label,
				this.labels.check(label, version, message == null || message.isBlank() ? null : message));
		flash.addFlashAttribute("notice", "Label " + moved.label() + " now points to version " + moved.number() + ".");
		return new ModelAndView("redirect:/ui/prompts/" + promptId);
	}

	/**
	 * The confirmation: what the label points to, its policy, and what depends on it (the
	 * applications that fetch it, this node's watch streams, open change requests).
	 */
	@GetMapping("/ui/prompts/{id}/labels/{label}/delete")
	String confirmDelete(@PathVariable String id, @PathVariable String label, Model model) {
		UUID promptId = Ids.prompt(id);
		PromptView prompt = this.prompts.get(promptId);
		Label current = this.labels.find(promptId, label)
			.orElseThrow(() -> new dev.promptledger.http.ApiException(dev.promptledger.http.ErrorCode.LABEL_NOT_FOUND,
					"This prompt has no label '" + label + "'."));
		model.addAttribute("prompt", prompt);
		model.addAttribute("label", current);
		model.addAttribute("target", this.versions.get(promptId, current.versionId().toString()));
		model.addAttribute("policy", this.policies.find(label).orElse(null));
		model.addAttribute("watchers", this.watches.watching(prompt.latest().name(), label));
		model.addAttribute("openRequests",
				this.changeRequests.list(promptId, "open", "200", null)
					.items()
					.stream()
					.filter(request -> request.label().equals(label))
					.toList());
		return "ui/label-delete";
	}

	@PostMapping("/ui/prompts/{id}/labels/{label}/delete")
	String delete(@AuthenticationPrincipal Actor me, @PathVariable String id, @PathVariable String label,
			RedirectAttributes flash) {
		UUID promptId = Ids.prompt(id);
		this.labels.delete(me, promptId, label);
		flash.addFlashAttribute("notice", "Label " + label + " was deleted.");
		return "redirect:/ui/prompts/" + promptId;
	}

	@GetMapping("/ui/prompts/{id}/labels/{label}/history")
	String history(@PathVariable String id, @PathVariable String label, @RequestParam(required = false) String cursor,
			Model model) {
		UUID promptId = Ids.prompt(id);
		model.addAttribute("prompt", this.prompts.get(promptId));
		model.addAttribute("label", label);
		model.addAttribute("page", this.labels.history(promptId, label, PromptPages.PAGE_SIZE, cursor));
		return "ui/label-history";
	}

}
