package dev.promptledger.identity;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users as other features see them: who acts, for the commands that run without a
 * request.
 */
@Component
public class Users {

	/**
	 * The user that a schema migration names as the author of what it records (the
	 * baseline versions of adopted prompts): disabled, without password or token, so
	 * nobody can act as it.
	 */
	public static final String MIGRATION = "migration";

	private final IdentityStore store;

	Users(IdentityStore store) {
		this.store = store;
	}

	/** The user with this name, if it exists and is not disabled. */
	@Transactional(readOnly = true)
	public Optional<Actor> active(String username) {
		return this.store.findUser(username)
			.filter(user -> !user.disabled())
			.map(user -> new Actor(user.username(), user.role()));
	}

}
