package dev.promptledger.migration;

import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The schema migrations written in Java, for a Flyway configured by hand (tests, tools);
 * the application gets them as beans.
 */
public final class JavaMigrations {

	private JavaMigrations() {
	}

	public static JavaMigration[] all() {
		return new JavaMigration[] { new V2_1__Backfill_variables(), new V3_1__Move_content_to_store(),
				new V5_1__Adopt_legacy_prompts(), new V7_1__Fill_search_text() };
	}

}
