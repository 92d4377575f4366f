package dev.promptledger.identity;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and API tokens in the database. */
@Repository
class IdentityStore {

	private final JdbcClient jdbc;

	IdentityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The live identity behind a token: not revoked, user not disabled. */
	Optional<Actor> findActiveByToken(String token) {
		String hash = Tokens.hash(token);
		return this.jdbc.sql("""
				SELECT t.token_hash, u.username, u.role FROM api_token t
				JOIN app_user u ON u.username = t.username
				WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND u.disabled = FALSE""")
			.param("hash", hash)
			.query((rs, n) -> constantTimeEquals(rs.getString("token_hash"), hash)
					? new Actor(rs.getString("username"), Role.fromWire(rs.getString("role"))) : null)
			.optional();
	}

	boolean anyUser() {
		return this.jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single() > 0;
	}

	void insertUser(String username, Role role, String passwordHash, Instant now) {
		this.jdbc.sql("""
				INSERT INTO app_user (username, role, password_hash, disabled, created_at, updated_at)
				VALUES (:username, :role, :hash, FALSE, :now, :now)""")
			.param("username", username)
			.param("role", role.wireName())
			.param("hash", passwordHash)
			.param("now", utc(now))
			.update();
	}

	UUID insertToken(String username, String name, String token, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO api_token (id, username, name, token_hash, created_at)
				VALUES (:id, :username, :name, :hash, :now)""")
			.param("id", id)
			.param("username", username)
			.param("name", name)
			.param("hash", Tokens.hash(token))
			.param("now", utc(now))
			.update();
		return id;
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
