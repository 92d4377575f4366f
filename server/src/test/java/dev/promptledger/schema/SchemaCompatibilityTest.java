package dev.promptledger.schema;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * During a rolling upgrade a node of the previous release meets a schema a newer release
 * has migrated: it keeps working as long as the schema says it can, and refuses to start,
 * saying why, once a release has contracted the schema beyond what it knows.
 */
class SchemaCompatibilityTest {

	@Test
	void aNodeKeepsWorkingOnASchemaThatANewerReleaseMovedAhead() {
		String url = Cli.h2("ahead");
		try (Node node = Node.start(url, "sa", "")) {
			node.jdbc()
				.sql("""
						INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
						  installed_by, execution_time, success)
						VALUES (1000, '98', 'a later release', 'SQL', 'V98__a_later_release.sql', 1, 'sa', 1, TRUE)""")
				.update();
		}
		try (Node node = Node.start(url, "sa", "")) {
			assertThat(
					node.api().post("/prompts").json(Map.of("name", "still/works", "content", "yes")).send().status())
				.isEqualTo(201);
		}
		Cli.Result status = Cli.run(url, "sa", "", "migrate", "--dry-run");
		assertThat(status.exit()).isZero();
		assertThat(status.out()).contains("Schema version 98", "the database is ahead of it", "No pending migrations");
	}

	@Test
	void aNodeRefusesASchemaThatNeedsANewerRelease() {
		String url = Cli.h2("contracted");
		try (Node node = Node.start(url, "sa", "")) {
			node.jdbc().sql("UPDATE schema_compatibility SET needs_schema = '99' WHERE id = 1").update();
		}
		assertThatThrownBy(() -> Node.start(url, "sa", "").close())
			.hasStackTraceContaining("needs a promptledger release that knows migration 99 or later")
			.hasStackTraceContaining("this release knows migrations up to ");
		for (String command : new String[] { "migrate", "import" }) {
			Cli.Result refused = Cli.run(url, "sa", "", command, command.equals("import") ? "." : "--dry-run");
			assertThat(refused.exit()).isEqualTo(1);
			assertThat(refused.err()).contains("needs a promptledger release that knows migration 99",
					"Run this node with the release that migrated the database");
		}
	}

}
