package dev.promptledger.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * How a node meets its database at start. It applies the migrations it has; on a schema
 * that a newer release has moved ahead it runs as long as the schema says this release
 * still can (migrations are additive, so mixed releases work during a rolling upgrade);
 * otherwise, and when a migration fails, it refuses to start with a message that says
 * what to do. The commands that must see the database as it is (backup, restore, migrate)
 * turn this off with {@code promptledger.startup.migrate=false}.
 */
@Component
public class SchemaGuard implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(SchemaGuard.class);

	private final boolean migrateAtStart;

	SchemaGuard(@Value("${promptledger.startup.migrate:true}") boolean migrateAtStart) {
		this.migrateAtStart = migrateAtStart;
	}

	@Override
	public void migrate(Flyway flyway) {
		if (this.migrateAtStart) {
			bringUpToDate(flyway);
		}
	}

	/** Checks that this release may run on the schema, then applies what is pending. */
	public static SchemaStatus bringUpToDate(Flyway flyway) {
		SchemaStatus status = requireCompatible(flyway);
		if (status.ahead()) {
			log.info(
					"The database schema is at version {}, ahead of this release's {}; it stays usable by this release",
					status.applied(), status.known());
		}
		try {
			flyway.migrate();
		}
		catch (FlywayException ex) {
			SchemaStatus after = SchemaStatus.of(flyway);
			throw new SchemaException(
					"A schema migration failed: " + ex.getMessage() + "\nThe schema is at version " + after.applied()
							+ ".",
					"On PostgreSQL the failed migration was rolled back; on H2 part of it may remain. Restore the "
							+ "backup taken before the upgrade (java -jar promptledger.jar restore --from FILE --replace, "
							+ "see docs/operations.md), or remove the cause and start again.",
					ex);
		}
		return SchemaStatus.of(flyway);
	}

	/**
	 * The schema's status, or a {@link SchemaException} when this release must not run on
	 * it.
	 */
	public static SchemaStatus requireCompatible(Flyway flyway) {
		SchemaStatus status = SchemaStatus.of(flyway);
		if (!status.compatible()) {
			throw new SchemaException(
					"The database schema is at version " + status.applied()
							+ " and needs a promptledger release that knows migration " + status.needs()
							+ " or later; this release knows migrations up to " + status.known() + ".",
					"Run this node with the release that migrated the database, or a newer one.", null);
		}
		return status;
	}

}
