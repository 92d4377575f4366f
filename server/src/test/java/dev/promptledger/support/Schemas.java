package dev.promptledger.support;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.migration.JavaMigrations;

/**
 * Databases with the schema the real migrations make, for tests that use the stores
 * without the application.
 */
public final class Schemas {

	private Schemas() {
	}

	/** Migrates the database behind {@code dataSource} to the newest schema. */
	public static <T extends DataSource> T migrated(T dataSource, DatabaseKind kind) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common",
					"classpath:db/migration/" + (kind == DatabaseKind.H2 ? "h2" : "postgresql"))
			.javaMigrations(JavaMigrations.all())
			.load()
			.migrate();
		return dataSource;
	}

	/**
	 * A scratch PostgreSQL database with the newest schema and the user {@code admin},
	 * reached over one connection: for tests of what PostgreSQL's plan cache, which is a
	 * connection's, does to a statement as its table grows. Null (a skip) when PostgreSQL
	 * cannot be reached outside CI.
	 */
	public static OneConnection onOneConnection(String stem) {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return null;
		}
		SingleConnectionDataSource dataSource = migrated(new SingleConnectionDataSource(PostgresDatabase.scratch(stem),
				PostgresDatabase.user(), PostgresDatabase.password(), true), DatabaseKind.POSTGRESQL);
		OneConnection database = new OneConnection(dataSource);
		database.jdbc()
			.sql("INSERT INTO app_user (username, role, created_at, updated_at) VALUES ('admin', 'admin', now(), now())")
			.update();
		return database;
	}

	/** A database over one connection; closing it closes the connection. */
	public static final class OneConnection implements AutoCloseable {

		private final SingleConnectionDataSource dataSource;

		private final JdbcClient jdbc;

		private final TransactionTemplate transactions;

		OneConnection(SingleConnectionDataSource dataSource) {
			this.dataSource = dataSource;
			this.jdbc = JdbcClient.create(dataSource);
			this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		}

		public SingleConnectionDataSource dataSource() {
			return this.dataSource;
		}

		public JdbcClient jdbc() {
			return this.jdbc;
		}

		public TransactionTemplate transactions() {
			return this.transactions;
		}

		/**
		 * The rows of {@code table} the current transaction has read, by sequential and
		 * index scans, as PostgreSQL counts them: a measure of a statement's work that
		 * involves no clock.
		 */
		public long rowsRead(String table) {
			return this.jdbc.sql("""
					SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
					WHERE relname = ?""").param(table).query(Long.class).single();
		}

		@Override
		public void close() {
			this.dataSource.destroy();
		}

	}

}
