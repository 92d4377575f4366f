package dev.promptledger.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where a database's schema stands against this release: the newest migration this
 * release has, the newest one applied, what is pending, and which release the schema
 * needs (table {@code schema_compatibility}: a node whose newest migration is older than
 * that must not run on it).
 */
public record SchemaStatus(MigrationVersion known, MigrationVersion applied, List<MigrationInfo> pending,
		MigrationVersion needs) {

	public static SchemaStatus of(Flyway flyway) {
		MigrationInfo[] all = flyway.info().all();
		MigrationVersion known = Arrays.stream(all)
			.filter(m -> m.getState().isResolved() && m.getVersion() != null)
			.map(MigrationInfo::getVersion)
			.max(MigrationVersion::compareTo)
			.orElse(MigrationVersion.EMPTY);
		MigrationInfo current = flyway.info().current();
		List<MigrationInfo> pending = Arrays.stream(all).filter(m -> m.getState() == MigrationState.PENDING).toList();
		return new SchemaStatus(known, current == null ? MigrationVersion.EMPTY : current.getVersion(), pending,
				needs(flyway));
	}

	/**
	 * Whether a newer release has migrated the database further than this release knows.
	 */
	public boolean ahead() {
		return this.applied.isNewerThan(this.known.getVersion());
	}

	/**
	 * Whether this release may run on the schema: it knows at least the migration the
	 * schema needs.
	 */
	public boolean compatible() {
		return this.needs == null || !this.needs.isNewerThan(this.known.getVersion());
	}

	private static MigrationVersion needs(Flyway flyway) {
		try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT needs_schema FROM schema_compatibility WHERE id = 1")) {
			return row.next() ? MigrationVersion.fromVersion(row.getString(1)) : null;
		}
		catch (SQLException ex) {
			// no such table yet: a schema from before the table existed, which any
			// release of now can use
			return null;
		}
	}

}
