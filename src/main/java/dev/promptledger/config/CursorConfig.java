package dev.promptledger.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.http.Cursors;

/** Page cursors signed with a key kept in the database, so a cursor from one node is good on every other. */
@Configuration(proxyBeanMethods = false)
class CursorConfig {

	private static final String NAME = "cursor-signing-key";

	@Bean
	Cursors cursors(JdbcClient jdbc, Clock clock) {
		return new Cursors(() -> Base64.getDecoder().decode(loadOrCreate(jdbc, clock)));
	}

	private static String loadOrCreate(JdbcClient jdbc, Clock clock) {
		var existing = jdbc.sql("SELECT secret FROM server_secret WHERE name = ?").param(NAME).query(String.class).optional();
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
