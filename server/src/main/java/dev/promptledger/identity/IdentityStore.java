package dev.promptledger.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users and API tokens in the database. Token secrets exist here only as SHA-256 hashes.
 */
@Repository
class IdentityStore {

	private static final String USER_COLUMNS = "username, role, password_hash, disabled, created_at, updated_at";

	private static final String TOKEN_COLUMNS = "id, username, name, created_at, revoked_at";

	private final JdbcClient jdbc;

	IdentityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The live identity behind a token: not revoked, user not disabled. */
	Optional<Actor> findActiveByToken(String token) {
		return findActive(token, null);
	}

	/** The same, when the token also has the id {@code tokenId} (a Langfuse key pair). */
	Optional<Actor> findActiveByKeyPair(UUID tokenId, String token) {
		return findActive(token, tokenId);
	}

	private Optional<Actor> findActive(String token, UUID tokenId) {
		String hash = Tokens.hash(token);
		return this.jdbc.sql("""
				SELECT t.token_hash, t.id, u.username, u.role FROM api_token t
				JOIN app_user u ON u.username = t.username
				WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND u.disabled = FALSE""")
			.param("hash", hash)
			.query((rs,
					n) -> constantTimeEquals(rs.getString("token_hash"), hash)
							&& (tokenId == null || tokenId.equals(rs.getObject("id", UUID.class)))
									? new Actor(rs.getString("username"), Role.fromWire(rs.getString("role"))) : null)
			.optional();
	}

	/** Whether anyone but the migration's own user exists (that one cannot log in). */
	boolean anyUser() {
		return this.jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username <> :migration")
			.param("migration", Users.MIGRATION)
			.query(Long.class)
			.single() > 0;
	}

	Optional<User> findUser(String username) {
		return this.jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user WHERE username = :username")
			.param("username", username)
			.query((rs, n) -> user(rs))
			.optional();
	}

	/**
	 * Users newest first (ties by username), after the position
	 * {@code (createdAt, username)} when given.
	 */
	List<User> users(Instant afterCreatedAt, String afterUsername, int limit) {
		String where = afterCreatedAt == null ? ""
				: " WHERE created_at < :at OR (created_at = :at AND username < :name)";
		var sql = this.jdbc
			.sql("SELECT " + USER_COLUMNS + " FROM app_user" + where
					+ " ORDER BY created_at DESC, username DESC LIMIT :limit")
			.param("limit", limit);
		if (afterCreatedAt != null) {
			sql = sql.param("at", utc(afterCreatedAt)).param("name", afterUsername);
		}
		return sql.query((rs, n) -> user(rs)).list();
	}

	/**
	 * Locks every admin's row until the transaction ends, so that changes which could
	 * leave no active admin run one after another on every node; count with
	 * {@link #activeAdmins} after this.
	 */
	void lockAdmins() {
		this.jdbc.sql("SELECT username FROM app_user WHERE role = 'admin' FOR UPDATE").query(String.class).list();
	}

	long activeAdmins() {
		return this.jdbc.sql("SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND disabled = FALSE")
			.query(Long.class)
			.single();
	}

	void insertUser(String username, Role role, String passwordHash, Instant now) {
		this.jdbc.sql("""
				INSERT INTO app_user (username, name_key, role, password_hash, disabled, created_at, updated_at)
				VALUES (:username, LOWER(:username), :role, :hash, FALSE, :now, :now)""")
			.param("username", username)
			.param("role", role.wireName())
			.param("hash", passwordHash)
			.param("now", utc(now))
			.update();
	}

	void updateUser(String username, Role role, boolean disabled, Instant now) {
		this.jdbc
			.sql("UPDATE app_user SET role = :role, disabled = :disabled, updated_at = :now WHERE username = :username")
			.param("role", role.wireName())
			.param("disabled", disabled)
			.param("now", utc(now))
			.param("username", username)
			.update();
	}

	void setPasswordHash(String username, String passwordHash, Instant now) {
		this.jdbc.sql("UPDATE app_user SET password_hash = :hash, updated_at = :now WHERE username = :username")
			.param("hash", passwordHash)
			.param("now", utc(now))
			.param("username", username)
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

	/**
	 * A user's tokens, newest first (ties by id), after {@code (createdAt, id)} when
	 * given.
	 */
	List<TokenInfo> tokens(String username, Instant afterCreatedAt, UUID afterId, int limit) {
		String after = afterCreatedAt == null ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))";
		var sql = this.jdbc
			.sql("SELECT " + TOKEN_COLUMNS + " FROM api_token WHERE username = :username" + after
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("username", username)
			.param("limit", limit);
		if (afterCreatedAt != null) {
			sql = sql.param("at", utc(afterCreatedAt)).param("id", afterId);
		}
		return sql.query((rs, n) -> token(rs)).list();
	}

	Optional<TokenInfo> findLiveToken(UUID id) {
		return this.jdbc
			.sql("SELECT " + TOKEN_COLUMNS + " FROM api_token WHERE id = :id AND revoked_at IS NULL FOR UPDATE")
			.param("id", id)
			.query((rs, n) -> token(rs))
			.optional();
	}

	void revokeToken(UUID id, Instant now) {
		this.jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	private static User user(ResultSet rs) throws SQLException {
		return new User(rs.getString("username"), Role.fromWire(rs.getString("role")), rs.getString("password_hash"),
				rs.getBoolean("disabled"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static TokenInfo token(ResultSet rs) throws SQLException {
		return new TokenInfo(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("name"),
				instant(rs, "created_at"), instant(rs, "revoked_at"));
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
