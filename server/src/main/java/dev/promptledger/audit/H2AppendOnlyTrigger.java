package dev.promptledger.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** On H2, what the PostgreSQL trigger does: the audit table refuses UPDATE and DELETE. */
public class H2AppendOnlyTrigger implements Trigger {

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		throw new SQLException("audit_entry is append-only", "P0001");
	}

}
