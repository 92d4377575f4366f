package dev.promptledger.schema;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reports, at every start, the live prompts and the users whose names differ from an
 * older one's only by case: migration V6 made names unique without regard to case, and
 * left these (which existed before) as they were rather than fail. Renaming such a prompt
 * clears the report.
 */
@Component
class NameCollisions implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(NameCollisions.class);

	private static final int SHOWN = 20;

	private final JdbcClient jdbc;

	NameCollisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			reportAll();
		}
		catch (org.springframework.dao.DataAccessException ex) {
			// a command run on a database without the schema (yet): nothing to report
			log.debug("No name collisions to report: {}", ex.getClass().getSimpleName());
		}
	}

	private void reportAll() {
		report("prompts",
				this.jdbc
					.sql("SELECT live_name FROM prompt WHERE name_key IS NULL AND live_name IS NOT NULL "
							+ "ORDER BY live_name")
					.query(String.class)
					.list());
		report("users",
				this.jdbc.sql("SELECT username FROM app_user WHERE name_key IS NULL ORDER BY username")
					.query(String.class)
					.list());
	}

	private static void report(String what, List<String> names) {
		if (!names.isEmpty()) {
			log.warn(
					"{} {} have names that differ from older ones only by case (they existed before names became "
							+ "unique without regard to case; rename them to end this warning): {}{}",
					names.size(), what, names.subList(0, Math.min(SHOWN, names.size())),
					names.size() > SHOWN ? " ..." : "");
		}
	}

}
