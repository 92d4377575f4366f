package dev.promptledger.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.promptledger.config.DatabaseKind;

/** Opens {@link Batch}es on the database this node uses. */
@Component
public class Batches {

	private final JdbcTemplate jdbc;

	private final boolean together;

	public Batches(JdbcTemplate jdbc, DatabaseKind database) {
		this.jdbc = jdbc;
		this.together = database == DatabaseKind.POSTGRESQL;
	}

	/** A batch of the current transaction's statements (there must be one). */
	public Batch open() {
		return new Batch(this.jdbc, this.together);
	}

}
