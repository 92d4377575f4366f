package dev.promptledger.webhook;

import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.migration.JavaMigrations;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim's work follows the queue it finds, not the queue that was there when the
 * connection first planned it. A node starts with an empty queue, so PostgreSQL's plan
 * cache settles on a plan for a few rows; where no ANALYZE follows (autovacuum off, or
 * the table grows faster than it runs) that plan, kept for the connection's life, read
 * every pending delivery once for each one it looked at: 20,000 deliveries waiting took
 * seconds a claim, and a node delivered ten a second. The tuples one claim reads are
 * counted by PostgreSQL for the transaction, so no clock is involved.
 */
class WebhookClaimPlanTest {

	private static final int PROMPTS = 2_000;

	private static final int EACH = 10;

	@Test
	void aClaimReadsInProportionToTheQueueAfterTheQueueGrew() {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		// one connection: the plan cache is a connection's
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(PostgresDatabase.scratch("claim"),
				PostgresDatabase.user(), PostgresDatabase.password(), true);
		try {
			Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
				.javaMigrations(JavaMigrations.all())
				.load()
				.migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			WebhookStore store = new WebhookStore(jdbc, new JdbcTemplate(dataSource), DatabaseKind.POSTGRESQL);
			TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			jdbc.sql(
					"INSERT INTO app_user (username, role, created_at, updated_at) VALUES ('admin', 'admin', now(), now())")
				.update();
			jdbc.sql("""
					INSERT INTO webhook (id, url, events, description, secret, created_at, created_by)
					VALUES ('00000000-0000-0000-0000-000000000001', 'http://receiver.test/hook', '*', NULL, 'secret',
					  now(), 'admin')""").update();
			enqueue(jdbc, 3, 1);
			for (int i = 0; i < 20; i++) {
				// a node at rest: the claim is prepared and planned on a queue of three
				List<WebhookStore.Due> claimed = transaction.execute(status -> {
					status.setRollbackOnly();
					return store.claim(Instant.now(), Dispatcher.BATCH);
				});
				assertThat(claimed).hasSize(3);
			}
			enqueue(jdbc, PROMPTS, EACH);

			long[] read = transaction.execute(status -> {
				status.setRollbackOnly();
				List<WebhookStore.Due> claimed = store.claim(Instant.now(), Dispatcher.BATCH);
				long tuples = jdbc.sql("""
						SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
						WHERE relname = 'webhook_delivery'""").query(Long.class).single();
				return new long[] { claimed.size(), tuples };
			});
			assertThat(read[0]).as("deliveries claimed").isEqualTo(Dispatcher.BATCH);
			long pending = 3 + (long) PROMPTS * EACH;
			assertThat(read[1]).as("rows of webhook_delivery one claim read, with %d pending", pending)
				.isLessThanOrEqualTo(4 * pending);
		}
		finally {
			dataSource.destroy();
		}
	}

	/** {@code each} pending deliveries for each of {@code prompts} new prompts. */
	private static void enqueue(JdbcClient jdbc, int prompts, int each) {
		jdbc.sql(
				"""
						WITH event AS (
						  INSERT INTO webhook_event (id, type, prompt_id, created_at, payload)
						  SELECT gen_random_uuid(), 'prompt.updated', p.id, now(), '{}'
						  FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, ?)) p, generate_series(1, ?) n
						  RETURNING seq, prompt_id, created_at)
						INSERT INTO webhook_delivery (webhook_id, event_seq, prompt_id, status, attempts, next_attempt_at)
						SELECT '00000000-0000-0000-0000-000000000001', seq, prompt_id, 'pending', 0, created_at - interval '1 second'
						FROM event""")
			.params(prompts, each)
			.update();
	}

}
