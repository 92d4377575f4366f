package dev.promptledger.cache;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.support.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's look, four times a second on every node, reads the audit entries it
 * reports and not the table: also when the connection first looked at an audit table of a
 * few rows and the table grew afterwards with no ANALYZE (autovacuum off, or not yet
 * run). The rows it reads are counted by PostgreSQL for the transaction, so no clock is
 * involved. Before, one look read all 50,004 entries: its two conditions joined by OR
 * made any plan a scan of the table; with them apart, a plan kept from the first few rows
 * still scanned it twice (100,128), until each look was planned for the table as it is.
 */
class ListenerLookPlanTest {

	private static final int ENTRIES = 50_000;

	@Test
	void aLookReadsWhatChangedNotTheAuditTable() throws SQLException {
		// one connection, as the listener's
		try (Schemas.OneConnection database = Schemas.onOneConnection("look")) {
			if (database == null) {
				return;
			}
			Listener.planEachLook(database.dataSource().getConnection());
			JdbcClient jdbc = database.jdbc();
			entries(jdbc, 3);
			for (int i = 0; i < 20; i++) {
				// a node that has just started: a few entries in the table
				assertThat(look(jdbc, snapshot(jdbc))).isZero();
			}
			entries(jdbc, ENTRIES);
			String before = snapshot(jdbc);
			jdbc.sql("INSERT INTO audit_entry (id, at, actor, action, details) "
					+ "VALUES (gen_random_uuid(), now(), 'admin', 'user.create', '{}')")
				.update();

			long[] read = database.transactions().execute(status -> {
				status.setRollbackOnly();
				return new long[] { look(jdbc, before), database.rowsRead("audit_entry") };
			});
			assertThat(read[0]).as("the entry written since the snapshot").isEqualTo(1);
			assertThat(read[1]).as("audit entries one look read, of %d", ENTRIES + 4).isLessThanOrEqualTo(10);
		}
	}

	/** How many changes one look found since {@code snapshot}. */
	private static int look(JdbcClient jdbc, String snapshot) {
		return (int) jdbc.sql(Listener.LOOK)
			.params(snapshot, snapshot)
			.query((rs, n) -> rs.getBoolean("change"))
			.list()
			.stream()
			.filter(Boolean::booleanValue)
			.count();
	}

	private static String snapshot(JdbcClient jdbc) {
		return jdbc.sql("SELECT CAST(pg_current_snapshot() AS text)").query(String.class).single();
	}

	/**
	 * {@code count} entries of transactions long over (their ids below any snapshot's).
	 */
	private static void entries(JdbcClient jdbc, int count) {
		jdbc.sql("INSERT INTO audit_entry (id, at, actor, action, details, tx) "
				+ "SELECT gen_random_uuid(), now(), 'admin', 'user.create', '{}', CAST(CAST(n AS text) AS xid8) "
				+ "FROM generate_series(3, ?) n")
			.param(count + 2)
			.update();
	}

}
