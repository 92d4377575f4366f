package dev.promptledger.webhook;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.support.Schemas;

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
		try (Schemas.OneConnection database = Schemas.onOneConnection("claim")) {
			if (database == null) {
				return;
			}
			JdbcClient jdbc = database.jdbc();
			WebhookStore store = new WebhookStore(jdbc, new JdbcTemplate(database.dataSource()),
					DatabaseKind.POSTGRESQL);
			jdbc.sql("""
					INSERT INTO webhook (id, url, events, description, secret, created_at, created_by)
					VALUES ('00000000-0000-0000-0000-000000000001', 'http://receiver.test/hook', '*', NULL, 'secret',
					  now(), 'admin')""").update();
			enqueue(jdbc, 3, 1);
			for (int i = 0; i < 20; i++) {
				// a node at rest: the claim is prepared and planned on a queue of three
				List<WebhookStore.Due> claimed = database.transactions().execute(status -> {
					status.setRollbackOnly();
					return store.claim(Instant.now(), Dispatcher.BATCH);
				});
				assertThat(claimed).hasSize(3);
			}
			enqueue(jdbc, PROMPTS, EACH);

			long[] read = database.transactions().execute(status -> {
				status.setRollbackOnly();
				List<WebhookStore.Due> claimed = store.claim(Instant.now(), Dispatcher.BATCH);
				return new long[] { claimed.size(), database.rowsRead("webhook_delivery") };
			});
			assertThat(read[0]).as("deliveries claimed").isEqualTo(Dispatcher.BATCH);
			long pending = 3 + (long) PROMPTS * EACH;
			assertThat(read[1]).as("rows of webhook_delivery one claim read, with %d pending", pending)
				.isLessThanOrEqualTo(4 * pending);
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
