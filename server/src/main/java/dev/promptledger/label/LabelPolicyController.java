package dev.promptledger.label;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.Checked;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.identity.Actor;

/** The label policies (admin): list, read, set, delete. */
@RestController
class LabelPolicyController {

	private final LabelPolicies policies;

	private final PromptledgerProperties limits;

	LabelPolicyController(LabelPolicies policies, PromptledgerProperties limits) {
		this.policies = policies;
		this.limits = limits;
	}

	@Schema(name = "LabelPolicyRequest")
	record Terms(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "5",
					description = "0: only approver_role and above move the label directly; "
							+ "1-5: nobody does, a change request needs that many approvals") Integer approvals,
			@Schema(name = "approver_role", allowableValues = {
					"maintainer", "admin" },
					description = "who approves (or, with 0 approvals, moves); default maintainer") String approverRole){
	}

	@Operation(summary = "Every label policy, sorted by label (admin)")
	@GetMapping("/label-policies")
	Map<String, List<LabelPolicy>> list() {
		return Map.of("items", this.policies.list());
	}

	@Operation(summary = "The policy of a label name (admin)")
	@GetMapping("/label-policies/{label}")
	LabelPolicy get(@PathVariable String label) {
		return this.policies.get(label);
	}

	@Operation(summary = "Set the policy of a label name on every prompt (admin)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Terms.class)))
	@PutMapping("/label-policies/{label}")
	LabelPolicy set(@AuthenticationPrincipal Actor actor, @PathVariable String label, HttpServletRequest request) {
		return this.policies.set(actor, label, Checked
			.of(() -> LabelPolicies.terms(RequestBodies.readJson(request, this.limits.maxBodyBytes()), label)));
	}

	@Operation(summary = "Remove the policy of a label name (admin)")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Removed")
	@DeleteMapping("/label-policies/{label}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String label) {
		this.policies.delete(actor, label);
		return ResponseEntity.noContent().build();
	}

}
