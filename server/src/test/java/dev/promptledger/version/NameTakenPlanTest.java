package dev.promptledger.version;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.db.Batches;
import dev.promptledger.support.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a name is taken, asked by every create and rename, reads the prompts with that
 * name and not the table: also on a connection that first asked while there were a few
 * prompts, with no ANALYZE since (autovacuum off, or not yet run). Before, its two
 * conditions joined by OR were planned as a scan of the table while it was small, and the
 * connection kept that plan: every create read every prompt. The rows it reads are
 * counted by PostgreSQL for the transaction, so no clock is involved.
 */
class NameTakenPlanTest {

	private static final int PROMPTS = 20_000;

	@Test
	void askingWhetherANameIsTakenReadsThatNameOnly() {
		try (Schemas.OneConnection database = Schemas.onOneConnection("name")) {
			if (database == null) {
				return;
			}
			JdbcClient jdbc = database.jdbc();
			PromptStore prompts = new PromptStore(jdbc,
					new Batches(new JdbcTemplate(database.dataSource()), DatabaseKind.POSTGRESQL), null);
			insert(jdbc, 1, 3);
			for (int i = 0; i < 20; i++) {
				// a new installation: a few prompts
				assertThat(prompts.nameTaken("Prompt-" + (i % 5), null)).isEqualTo(i % 5 >= 1 && i % 5 <= 3);
			}
			insert(jdbc, 4, PROMPTS);

			long[] read = database.transactions().execute(status -> {
				boolean taken = prompts.nameTaken("PROMPT-1234", null);
				boolean free = prompts.nameTaken("prompt-none", null);
				return new long[] { taken ? 1 : 0, free ? 1 : 0, database.rowsRead("prompt") };
			});
			assertThat(read[0]).as("a live prompt's name, in another case, is taken").isEqualTo(1);
			assertThat(read[1]).as("a name no prompt has is free").isZero();
			assertThat(read[2]).as("prompts read by the two questions, of %d", PROMPTS + 3).isLessThanOrEqualTo(100);
		}
	}

	/**
	 * Live prompts named {@code prompt-first} to {@code prompt-last}, without versions.
	 */
	private static void insert(JdbcClient jdbc, int first, int last) {
		jdbc.sql("""
				INSERT INTO prompt (id, live_name, name_key, head_number, created_at, created_by, updated_at)
				SELECT gen_random_uuid(), 'prompt-' || n, 'prompt-' || n, 0, now(), 'admin', now()
				FROM generate_series(?, ?) n""").params(first, last).update();
	}

}
