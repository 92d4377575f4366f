package dev.promptledger.identity;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /me}: who the caller is. */
@RestController
class MeController {

	record Me(String username, String role) {
	}

	@GetMapping("/me")
	Me me(@AuthenticationPrincipal Actor actor) {
		return new Me(actor.username(), actor.role().wireName());
	}

}
