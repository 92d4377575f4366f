package dev.promptledger.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresAvailable;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list's orders come from indexes on PostgreSQL: a first page of live prompts, newest
 * change or creation first, reads that page from an index rather than sorting every live
 * prompt (which took 0.47 s with a million, bench/scale); so does a page of the prompts
 * with a tag, in each of the list's orders. Checked on the plan, with sorting priced out
 * so that the planner shows whether any index gives the order at all.
 */
@ExtendWith(PostgresAvailable.class)
class ListOrderIndexTest {

	@Test
	void theFirstPageOfLivePromptsNeedsNoSort() throws SQLException {
		String url = PostgresDatabase.scratch("list_order");
		Node.start(url, PostgresDatabase.user(), PostgresDatabase.password()).close();
		try (Connection connection = DriverManager.getConnection(url, PostgresDatabase.user(),
				PostgresDatabase.password()); Statement statement = connection.createStatement()) {
			statement.execute("SET enable_sort = off");
			for (String column : List.of("updated_at", "created_at")) {
				String plan = plan(statement, "SELECT id FROM prompt WHERE deleted_at IS NULL ORDER BY " + column
						+ " DESC, id DESC LIMIT 26");
				assertThat(plan).as(column).doesNotContain("Sort").contains("prompt_live_" + column.replace("_at", ""));
			}
			for (String order : List.of("updated_at DESC, prompt_id DESC", "created_at DESC, prompt_id DESC",
					"live_name")) {
				String plan = plan(statement, "SELECT prompt_id FROM prompt_tag WHERE tag = 'team-7' "
						+ "AND live_name IS NOT NULL ORDER BY " + order + " LIMIT 26");
				assertThat(plan).as("a tag filter by " + order)
					.doesNotContain("Sort")
					.contains("prompt_tag_live_" + order.split(" ")[0].replace("_at", "").replace("live_", ""));
			}
		}
	}

	private static String plan(Statement statement, String query) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}

}
