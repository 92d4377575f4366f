package dev.promptledger.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.config.PromptledgerProperties;

/**
 * On an empty database, creates the {@code admin} user with its API token (and web UI
 * password): the configured ones, or generated ones printed once on the console, never
 * into the log. It runs once every bean is made (the schema migrated) and before the web
 * server opens, so a healthy {@code /health} means the bootstrap token works.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	static final String ADMIN = "admin";

	private final IdentityStore identities;

	private final PromptledgerProperties properties;

	private final PasswordEncoder passwords;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * False for the commands that must leave the database as it is (backup, restore,
	 * migrate).
	 */
	private final boolean enabled;

	AdminBootstrap(IdentityStore identities, PromptledgerProperties properties, PasswordEncoder passwords,
			TransactionTemplate transactions, Clock clock,
			@Value("${promptledger.startup.bootstrap-admin:true}") boolean enabled) {
		this.enabled = enabled;
		this.identities = identities;
		this.properties = properties;
		this.passwords = passwords;
		this.transactions = transactions;
		this.clock = clock;
		// the environment was checked before anything started; settings given otherwise
		// (tests, commands) are checked here by the same rule
		AdminSettings.check(properties.adminToken(), properties.adminPassword());
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.enabled) {
			return;
		}
		if (this.identities.anyUser()) {
			reportIgnoredToken();
			return;
		}
		String token = blank(this.properties.adminToken()) ? Tokens.generate() : this.properties.adminToken().trim();
		String password = blank(this.properties.adminPassword()) ? Tokens.generate().substring(4, 28)
				: this.properties.adminPassword();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		try {
			this.transactions.executeWithoutResult(status -> {
				this.identities.insertUser(ADMIN, Role.ADMIN, this.passwords.encode(password), now);
				this.identities.insertToken(ADMIN, "bootstrap", token, now);
			});
		}
		catch (DuplicateKeyException ex) {
			log.info("Another node created the admin user first");
			return;
		}
		log.info("Created the bootstrap user '{}'", ADMIN);
		StringBuilder banner = new StringBuilder("\n");
		if (blank(this.properties.adminToken())) {
			banner.append("promptledger admin API token (shown once, store it now): ").append(token).append('\n');
		}
		if (blank(this.properties.adminPassword())) {
			banner.append("promptledger admin web UI password (shown once): ").append(password).append('\n');
		}
		if (banner.length() > 1) {
			System.out.println(banner);
		}
	}

	/**
	 * PROMPTLEDGER_ADMIN_TOKEN applies only to an empty database; on one that has users,
	 * a value that is not a live token of {@code admin} is reported (never the value
	 * itself), so that nobody relies on it.
	 */
	private void reportIgnoredToken() {
		String token = this.properties.adminToken();
		if (blank(token)) {
			return;
		}
		boolean admins = this.identities.findActiveByToken(token.trim())
			.filter(actor -> actor.username().equals(ADMIN))
			.isPresent();
		if (!admins) {
			log.warn("PROMPTLEDGER_ADMIN_TOKEN is set but is not a live token of '{}' in this database: it is ignored "
					+ "(it only sets the token of a new database). Issue tokens through the API, or run "
					+ "'java -jar promptledger.jar reset-admin' to get back in.", ADMIN);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
