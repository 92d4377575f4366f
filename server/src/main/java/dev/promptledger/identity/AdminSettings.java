package dev.promptledger.identity;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The bootstrap admin's settings, checked as soon as the environment is read: a node (or
 * a command) with a token or password too short to be safe stops at once, before it
 * connects to the database, with one line that says what to set.
 */
public class AdminSettings implements EnvironmentPostProcessor {

	static final int MIN_TOKEN_CHARS = 32;

	static final int MIN_PASSWORD_CHARS = 12;

	/** A setting that cannot be used; its message says what to do. */
	public static final class Invalid extends IllegalStateException {

		Invalid(String message) {
			super(message);
		}

	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("promptledger.command")) {
			// a command reports its own failures in one line; the bootstrap checks there
			return;
		}
		check(environment.getProperty("promptledger.admin-token"),
				environment.getProperty("promptledger.admin-password"));
	}

	/** Refuses a token or password that is set but too short. */
	static void check(String token, String password) {
		if (token != null && !token.isEmpty() && token.trim().length() < MIN_TOKEN_CHARS) {
			throw new Invalid("PROMPTLEDGER_ADMIN_TOKEN is " + token.trim().length() + " characters long; it must "
					+ "have at least " + MIN_TOKEN_CHARS + " (or leave it unset to have one generated and printed)");
		}
		if (password != null && !password.isEmpty() && password.length() < MIN_PASSWORD_CHARS) {
			throw new Invalid("PROMPTLEDGER_ADMIN_PASSWORD is " + password.length() + " characters long; it must "
					+ "have at least " + MIN_PASSWORD_CHARS + " (or leave it unset to have one generated and printed)");
		}
	}

	/** The message alone when a node refuses to start for it: no stack trace. */
	public static class FailureAnalyzer extends AbstractFailureAnalyzer<Invalid> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, Invalid cause) {
			return new FailureAnalysis(cause.getMessage(), "Set it as the line above says, then start again.", null);
		}

	}

}
