package dev.promptledger.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Checked;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Ids;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Role;
import dev.promptledger.label.LabelService;
import dev.promptledger.review.ChangeRequestReads;
import dev.promptledger.review.ChangeRequestResponse;
import dev.promptledger.review.ChangeRequests;
import dev.promptledger.review.Proposal;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionService;

/**
 * Change requests in the browser: the inbox, the review page (the diff and the proposed
 * version in view), approve or reject with a comment, cancel, and opening one from a
 * guarded label.
 */
@Controller
class ChangeRequestPages {

	private final ChangeRequests requests;

	private final VersionService versions;

	private final ChangeRequestReads reads;

	ChangeRequestPages(ChangeRequests requests, ChangeRequestReads reads, VersionService versions) {
		this.requests = requests;
		this.reads = reads;
		this.versions = versions;
	}

	@GetMapping("/ui/change-requests")
	String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
			Model model) {
		String shown = status == null || status.isEmpty() ? "open" : status;
		model.addAttribute("status", shown);
		model.addAttribute("page", this.reads.list(null, shown, PromptPages.PAGE_SIZE, cursor));
		return "ui/change-requests";
	}

	@GetMapping("/ui/change-requests/{id}")
	String review(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
		ChangeRequestResponse request = this.reads.get(id);
		model.addAttribute("cr", request);
		if (request.diff() != null) {
			model.addAttribute("diff", DiffView.of(request.diff().hunks()));
			model.addAttribute("summary", request.diff().summary());
			Version proposed = this.versions.get(request.promptId(), request.toVersionId().toString());
			model.addAttribute("proposed", proposed);
			Version current = request.fromVersionId() == null ? null
					: this.versions.get(request.promptId(), request.fromVersionId().toString());
			model.addAttribute("fields", current == null ? null : FieldChanges.of(current, proposed));
		}
		Role approver = Role.fromWire(request.approverRole());
		boolean author = me.username().equals(request.createdBy());
		model.addAttribute("mayDecide", request.open() && me.role().atLeast(approver));
		model.addAttribute("mayApprove", request.open() && me.role().atLeast(approver) && !author
				&& request.approvals().stream().noneMatch(a -> a.approver().equals(me.username())));
		model.addAttribute("mayCancel", request.open() && (author || me.role() == Role.ADMIN));
		model.addAttribute("author", author);
		return "ui/change-request";
	}

	@PostMapping("/ui/prompts/{id}/change-requests")
	String open(@AuthenticationPrincipal Actor me, @PathVariable String id, @RequestParam String label,
			@RequestParam(required = false) String version, @RequestParam(required = false) String delete,
			@RequestParam(required = false) String message, RedirectAttributes flash) {
		UUID promptId = Ids.prompt(id);
		boolean deletes = "true".equals(delete);
		String reason = message == null || message.isBlank() ? null : message;
		ChangeRequestResponse opened = this.requests.open(me, promptId, Checked.of(() -> {
			java.util.List<ApiException.FieldError> errors = new java.util.ArrayList<>();
			String problem = LabelService.nameProblem(label);
			if (problem != null) {
				errors.add(new ApiException.FieldError("label", problem));
			}
			problem = LabelService.messageProblem(reason);
			if (problem != null) {
				errors.add(new ApiException.FieldError("message", problem));
			}
			if (!errors.isEmpty()) {
				throw ApiException.validation(errors);
			}
			VersionRef ref = deletes ? null : VersionRef.parse(version);
			if (!deletes && ref == null) {
				throw new ApiException(ErrorCode.VERSION_NOT_FOUND, "No version " + version + ".");
			}
			return new Proposal(label, ref, deletes, reason);
		}));
		flash.addFlashAttribute("notice", "Change request opened: it needs " + opened.requiredApprovals()
				+ (opened.requiredApprovals() == 1 ? " approval." : " approvals."));
		return "redirect:/ui/change-requests/" + opened.id();
	}

	@PostMapping("/ui/change-requests/{id}/approve")
	String approve(@AuthenticationPrincipal Actor me, @PathVariable String id,
			@RequestParam(required = false) String comment, RedirectAttributes flash) {
		try {
			ChangeRequestResponse approved = this.requests.approve(me, id, blankToNull(comment));
			flash.addFlashAttribute("notice",
					approved.open() ? "Approved; it needs more approvals." : "Approved and applied: the label moved.");
		}
		catch (ApiException ex) {
			if (ex.code() != ErrorCode.CHANGE_REQUEST_STALE) {
				throw ex;
			}
			flash.addFlashAttribute("notice", "The label moved since this request was opened: nothing moved, "
					+ "and the request is stale. Open a new one against where the label points now.");
		}
		return "redirect:/ui/change-requests/" + id;
	}

	@PostMapping("/ui/change-requests/{id}/reject")
	String reject(@AuthenticationPrincipal Actor me, @PathVariable String id, @RequestParam String comment,
			RedirectAttributes flash) {
		this.requests.reject(me, id, blankToNull(comment));
		flash.addFlashAttribute("notice", "Rejected.");
		return "redirect:/ui/change-requests/" + id;
	}

	@PostMapping("/ui/change-requests/{id}/cancel")
	String cancel(@AuthenticationPrincipal Actor me, @PathVariable String id, RedirectAttributes flash) {
		this.requests.cancel(me, id, null);
		flash.addFlashAttribute("notice", "Cancelled.");
		return "redirect:/ui/change-requests/" + id;
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text;
	}

}
