package dev.promptledger.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.audit.AuditAction;
import dev.promptledger.audit.Changes;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ApiException.FieldError;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.Keyset.TimeKey;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;

/**
 * Managing users, their passwords and API tokens; every change is audited in its own
 * transaction.
 */
@Service
public class IdentityService {

	/** A token as issued: the secret, shown this once. */
	public record IssuedToken(String token, TokenInfo info, Role role) {
	}

	private final IdentityStore store;

	private final Changes changes;

	private final PasswordEncoder passwords;

	private final Cursors cursors;

	private final Clock clock;

	IdentityService(IdentityStore store, Changes changes, PasswordEncoder passwords, Cursors cursors, Clock clock) {
		this.store = store;
		this.changes = changes;
		this.passwords = passwords;
		this.cursors = cursors;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	/** A page of users as the API shows them (never a secret). */
	public Page<UserResponse> userViews(String limit, String cursor) {
		return users(limit, cursor).map(UserResponse::of);
	}

	/** A user as the API shows them; 404 when there is none. */
	public UserResponse userView(String username) {
		return UserResponse.of(user(username));
	}

	Page<User> users(String limit, String cursor) {
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, "users");
		TimeKey after = TimeKey.parse(page.position());
		List<User> rows = this.store.users(after == null ? null : after.at(), after == null ? null : after.key(),
				page.limit() + 1);
		return Keyset.page(rows, page.limit(), this.cursors, "users", u -> TimeKey.of(u.createdAt(), u.username()));
	}

	@Transactional(readOnly = true)
	User user(String username) {
		return this.store.findUser(username).orElseThrow(() -> userNotFound(username));
	}

	@Transactional
	public User create(Actor actor, String username, Role role, String password) {
		Instant now = now();
		if (this.store.findUser(username).isPresent()) {
			throw usernameTaken(username);
		}
		try {
			this.store.insertUser(username, role, password == null ? null : this.passwords.encode(password), now);
		}
		catch (DuplicateKeyException ex) {
			throw usernameTaken(username);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("username", username);
		details.put("role", role.wireName());
		details.put("password_set", password != null);
		this.changes.record(actor.username(), AuditAction.USER_CREATE, null, null, details, now);
		return user(username);
	}

	/** Changes a user's role or disabled flag; {@code null} leaves that one as it is. */
	@Transactional
	public User update(Actor actor, String username, Role role, Boolean disabled) {
		this.store.lockAdmins(); // the last-admin check below must hold when several
									// nodes change admins at once
		User current = user(username);
		Role nextRole = role == null ? current.role() : role;
		boolean nextDisabled = disabled == null ? current.disabled() : disabled;
		if (nextRole == current.role() && nextDisabled == current.disabled()) {
			return current;
		}
		boolean wasActiveAdmin = current.role() == Role.ADMIN && !current.disabled();
		boolean staysActiveAdmin = nextRole == Role.ADMIN && !nextDisabled;
		if (wasActiveAdmin && !staysActiveAdmin && this.store.activeAdmins() <= 1) {
			throw new ApiException(ErrorCode.LAST_ADMIN,
					"'" + username + "' is the last active admin; make another admin first.");
		}
		Instant now = now();
		this.store.updateUser(username, nextRole, nextDisabled, now);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("username", username);
		if (nextRole != current.role()) {
			details.put("role", Map.of("from", current.role().wireName(), "to", nextRole.wireName()));
		}
		if (nextDisabled != current.disabled()) {
			details.put("disabled", Map.of("from", current.disabled(), "to", nextDisabled));
		}
		this.changes.record(actor.username(), AuditAction.USER_UPDATE, null, null, details, now);
		return user(username);
	}

	@Transactional
	public void setPassword(Actor actor, String username, String password) {
		user(username);
		Instant now = now();
		this.store.setPasswordHash(username, this.passwords.encode(password), now);
		this.changes.record(actor.username(), AuditAction.USER_PASSWORD, null, null,
				Map.of("username", username, "by", "admin"), now);
	}

	@Transactional
	void changeOwnPassword(Actor actor, String oldPassword, String password) {
		User self = user(actor.username());
		if (self.passwordHash() == null || !this.passwords.matches(oldPassword, self.passwordHash())) {
			throw ApiException.validation(List.of(new FieldError("old_password", "is not the current password")));
		}
		Instant now = now();
		this.store.setPasswordHash(actor.username(), this.passwords.encode(password), now);
		this.changes.record(actor.username(), AuditAction.USER_PASSWORD, null, null,
				Map.of("username", actor.username(), "by", "self"), now);
	}

	@Transactional
	public IssuedToken issueToken(Actor actor, String username, String name) {
		User owner = user(username);
		if (owner.disabled()) {
			throw new ApiException(ErrorCode.USER_DISABLED,
					"'" + username + "' is disabled; enable the user before issuing a token.");
		}
		Instant now = now();
		String token = Tokens.generate();
		UUID id = this.store.insertToken(username, name, token, now);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("token_id", id.toString());
		details.put("username", username);
		details.put("name", name);
		this.changes.record(actor.username(), AuditAction.TOKEN_CREATE, null, null, details, now);
		return new IssuedToken(token, new TokenInfo(id, username, name, now, null), owner.role());
	}

	@Transactional(readOnly = true)
	public Page<TokenInfo> tokens(String username, String limit, String cursor) {
		user(username);
		String scope = "tokens\n" + username;
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		TimeKey after = TimeKey.parse(page.position());
		List<TokenInfo> rows = this.store.tokens(username, after == null ? null : after.at(),
				after == null ? null : UUID.fromString(after.key()), page.limit() + 1);
		return Keyset.page(rows, page.limit(), this.cursors, scope, t -> TimeKey.of(t.createdAt(), t.id()));
	}

	@Transactional
	public void revokeToken(Actor actor, UUID tokenId) {
		TokenInfo token = (tokenId == null ? null : this.store.findLiveToken(tokenId).orElse(null));
		if (token == null) {
			throw new ApiException(ErrorCode.TOKEN_NOT_FOUND, "No live token " + tokenId + ".");
		}
		Instant now = now();
		this.store.revokeToken(tokenId, now);
		this.changes.record(actor.username(), AuditAction.TOKEN_REVOKE, null, null,
				Map.of("token_id", tokenId.toString(), "username", token.username()), now);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static ApiException userNotFound(String username) {
		return new ApiException(ErrorCode.USER_NOT_FOUND, "No user '" + username + "'.");
	}

	private static ApiException usernameTaken(String username) {
		return new ApiException(ErrorCode.USERNAME_TAKEN, "A user '" + username + "' already exists.");
	}

}
