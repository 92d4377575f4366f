package dev.promptledger.config;

/**
 * The database a node runs on, told by its JDBC URL. The schema and nearly every
 * statement are the same on both; where PostgreSQL can do in one round trip what H2 needs
 * several for, the write path asks.
 */
public enum DatabaseKind {

	POSTGRESQL, H2;

	public static DatabaseKind of(String jdbcUrl) {
		return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
	}

}
