package dev.promptledger.identity;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.JsonBody;
import dev.promptledger.http.NameRules;
import dev.promptledger.http.RequestBodies;

/** Reads and validates the bodies of the identity endpoints. */
@Component
public class IdentityRequests {

	static final int MAX_USERNAME_CHARS = 50;

	static final int MIN_PASSWORD_CHARS = 12;

	/**
	 * bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is
	 * refused.
	 */
	static final int MAX_PASSWORD_BYTES = 72;

	static final int MAX_TOKEN_NAME_CHARS = 100;

	private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

	private static final Set<String> USER_READ_ONLY = Set.of("disabled", "created_at", "updated_at", "has_password");

	public record NewUser(String username, Role role, String password) {
	}

	public record UserChange(Role role, Boolean disabled) {
	}

	record PasswordChange(String oldPassword, String password) {
	}

	private final PromptledgerProperties limits;

	IdentityRequests(PromptledgerProperties limits) {
		this.limits = limits;
	}

	NewUser newUser(HttpServletRequest request) {
		return newUser(body(request, MediaType.APPLICATION_JSON));
	}

	/** A new user given as the JSON of {@code POST /users} (the web UI's form). */
	public NewUser newUser(byte[] json) {
		JsonBody body = JsonBody.parse(json, Set.of("username", "role", "password"), USER_READ_ONLY);
		String username = body.string("username", true);
		if (username != null) {
			String problem = username.equalsIgnoreCase(Users.MIGRATION)
					? "is reserved: it authors the versions that adopting a legacy table made"
					: NameRules.segmentProblem(username, MAX_USERNAME_CHARS);
			if (problem != null) {
				body.reject("username", problem);
			}
		}
		Role role = role(body, true);
		String password = password(body, "password", false);
		body.validate();
		return new NewUser(username, role, password);
	}

	UserChange userChange(HttpServletRequest request) {
		return userChange(body(request, MERGE_PATCH, MediaType.APPLICATION_JSON));
	}

	/** A change given as the JSON of {@code PATCH /users/{username}}. */
	public UserChange userChange(byte[] json) {
		JsonBody body = JsonBody.parse(json, Set.of("role", "disabled"),
				Set.of("username", "created_at", "updated_at", "has_password", "password"));
		Role role = body.has("role") ? role(body, true) : null;
		Boolean disabled = null;
		if (body.has("disabled")) {
			if (body.isNull("disabled")) {
				body.reject("disabled", "must be true or false");
			}
			disabled = body.bool("disabled", false);
		}
		body.validate();
		return new UserChange(role, disabled);
	}

	String password(HttpServletRequest request) {
		return password(body(request, MediaType.APPLICATION_JSON));
	}

	/** A password given as the JSON of {@code PUT /users/{username}/password}. */
	public String password(byte[] json) {
		JsonBody body = JsonBody.parse(json, Set.of("password"), Set.of());
		String password = password(body, "password", true);
		body.validate();
		return password;
	}

	PasswordChange ownPassword(HttpServletRequest request) {
		JsonBody body = json(request, Set.of("old_password", "password"), Set.of(), MediaType.APPLICATION_JSON);
		String old = body.string("old_password", true);
		String password = password(body, "password", true);
		body.validate();
		return new PasswordChange(old, password);
	}

	/** The optional name of a new token; the body itself is optional. */
	String tokenName(HttpServletRequest request) {
		byte[] bytes = RequestBodies.read(request, this.limits.maxBodyBytes());
		if (bytes.length > 0) {
			RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
		}
		return tokenName(bytes);
	}

	/**
	 * The optional name of a new token, given as the JSON of its request (empty: none).
	 */
	public String tokenName(byte[] bytes) {
		JsonBody body = JsonBody.parseOptional(bytes, Set.of("name"), Set.of("token", "token_id", "username", "role"));
		String name = body.string("name", false);
		if (name != null && (name.isBlank() || name.length() > MAX_TOKEN_NAME_CHARS)) {
			body.reject("name", "must be 1 to " + MAX_TOKEN_NAME_CHARS + " characters long");
		}
		body.validate();
		return name;
	}

	private JsonBody json(HttpServletRequest request, Set<String> allowed, Set<String> readOnly, MediaType... types) {
		return JsonBody.parse(body(request, types), allowed, readOnly);
	}

	private byte[] body(HttpServletRequest request, MediaType... types) {
		RequestBodies.requireMediaType(request, types);
		return RequestBodies.read(request, this.limits.maxBodyBytes());
	}

	private static Role role(JsonBody body, boolean required) {
		String value = body.string("role", required);
		if (value == null) {
			return null;
		}
		Role role = Role.fromWire(value);
		if (role == null) {
			body.reject("role", "must be one of viewer, editor, maintainer, admin");
		}
		return role;
	}

	private static String password(JsonBody body, String field, boolean required) {
		String password = body.string(field, required);
		if (password != null && (password.length() < MIN_PASSWORD_CHARS
				|| password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES)) {
			body.reject(field, "must be at least " + MIN_PASSWORD_CHARS + " characters and at most "
					+ MAX_PASSWORD_BYTES + " bytes of UTF-8");
		}
		return password;
	}

}
