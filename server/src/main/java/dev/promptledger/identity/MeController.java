package dev.promptledger.identity;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own identity. */
@RestController
class MeController {

	record Me(String username, String role) {
	}

	private final IdentityService identities;

	private final IdentityRequests requests;

	MeController(IdentityService identities, IdentityRequests requests) {
		this.identities = identities;
		this.requests = requests;
	}

	@Operation(summary = "Who you are")
	@GetMapping("/me")
	Me me(@AuthenticationPrincipal Actor actor) {
		return new Me(actor.username(), actor.role().wireName());
	}

	@Operation(summary = "Change your own web UI password, giving the current one")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Changed")
	@PutMapping("/me/password")
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
		IdentityRequests.PasswordChange change = this.requests.ownPassword(request);
		this.identities.changeOwnPassword(actor, change.oldPassword(), change.password());
		return ResponseEntity.noContent().build();
	}

}
