package dev.promptledger.identity;

import java.net.URI;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Page;
import dev.promptledger.http.Ids;

/** Users and their API tokens (admin only, by the security rules). */
@RestController
class UserController {

	private final IdentityService identities;

	private final IdentityRequests requests;

	UserController(IdentityService identities, IdentityRequests requests) {
		this.identities = identities;
		this.requests = requests;
	}

	@Operation(summary = "List users, newest first")
	@GetMapping("/users")
	Page<UserResponse> list(@RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		return this.identities.users(limit, cursor).map(UserResponse::of);
	}

	@Operation(summary = "Create a user with a role and, optionally, a web UI password")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created; Location")
	@PostMapping("/users")
	ResponseEntity<UserResponse> create(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
		IdentityRequests.NewUser user = this.requests.newUser(request);
		User created = this.identities.create(actor, user.username(), user.role(), user.password());
		return ResponseEntity.created(URI.create("/users/" + created.username())).body(UserResponse.of(created));
	}

	@Operation(summary = "One user")
	@GetMapping("/users/{username}")
	UserResponse get(@PathVariable String username) {
		return UserResponse.of(this.identities.user(username));
	}

	@Operation(summary = "Change a user's role or disable them; a disabled user's tokens stop working at once")
	@PatchMapping("/users/{username}")
	UserResponse update(@AuthenticationPrincipal Actor actor, @PathVariable String username,
			HttpServletRequest request) {
		IdentityRequests.UserChange change = parse(username, () -> this.requests.userChange(request));
		return UserResponse.of(this.identities.update(actor, username, change.role(), change.disabled()));
	}

	@Operation(summary = "Set a user's web UI password")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Set")
	@PutMapping("/users/{username}/password")
	ResponseEntity<Void> setPassword(@AuthenticationPrincipal Actor actor, @PathVariable String username,
			HttpServletRequest request) {
		String password = parse(username, () -> this.requests.password(request));
		this.identities.setPassword(actor, username, password);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "A user's API tokens, without their secrets")
	@GetMapping("/users/{username}/tokens")
	Page<TokenResponse> tokens(@PathVariable String username, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		return this.identities.tokens(username, limit, cursor).map(TokenResponse::listed);
	}

	@Operation(summary = "Issue an API token; its secret is in this answer only")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201",
			description = "Issued: the token is shown this once")
	@PostMapping("/users/{username}/tokens")
	ResponseEntity<TokenResponse> issue(@AuthenticationPrincipal Actor actor, @PathVariable String username,
			HttpServletRequest request) {
		String name = parse(username, () -> this.requests.tokenName(request));
		IdentityService.IssuedToken issued = this.identities.issueToken(actor, username, name);
		return ResponseEntity.status(HttpStatus.CREATED).body(TokenResponse.issued(issued));
	}

	@Operation(summary = "Revoke an API token; it stops working at the next request")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Revoked")
	@DeleteMapping("/tokens/{token_id}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal Actor actor, @PathVariable("token_id") String tokenId) {
		this.identities.revokeToken(actor, Ids.parse(tokenId));
		return ResponseEntity.noContent().build();
	}

	/** A bad body for a user that does not exist is a 404, as for prompts. */
	private <T> T parse(String username, Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (ApiException ex) {
			this.identities.user(username);
			throw ex;
		}
	}

}
