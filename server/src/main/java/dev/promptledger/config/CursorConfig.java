package dev.promptledger.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.http.Cursors;

/**
 * Page cursors signed with a key kept in the database, so a cursor from one node is good
 * on every other.
 */
@Configuration(proxyBeanMethods = false)
class CursorConfig {

	private static final String NAME = "cursor-signing-key";

	/**
	 * The key is read (or created) on first use, in a transaction of its own: lists run
	 * in read-only ones.
	 */
	@Bean
	Cursors cursors(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		TransactionTemplate own = new TransactionTemplate(transactions);
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return new Cursors(() -> Base64.getDecoder().decode(own.<String>execute(status -> loadOrCreate(jdbc, clock))));
	}

	private static String loadOrCreate(JdbcClient jdbc, Clock clock) {
		var existing = jdbc.sql("SELECT secret FROM server_secret WHERE name = ?")
			.param(NAME)
			.query(String.class)
			.optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		try {
			jdbc.sql("INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?)")
				.params(NAME, Base64.getEncoder().encodeToString(key), clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another node stored its key first; use that one
		}
		return jdbc.sql("SELECT secret FROM server_secret WHERE name = ?").param(NAME).query(String.class).single();
	}

}
