package dev.promptledger.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements of one transaction that do not need each other's answers, sent together. On
 * PostgreSQL they wait until {@link #run()} and then go as one prepared statement of
 * several, which the driver sends before it waits for any answer: one round trip for all
 * of them instead of one each. On an embedded database, which has no round trips to save,
 * each runs as it is added. Either way they run in the order they were added, each sees
 * what the ones before it wrote, and what a statement answers reaches its callback once
 * it has run; a statement that fails fails the run, and the transaction with it.
 * <p>
 * Code that reads a callback's value before {@link #run()} is wrong on PostgreSQL only,
 * so a batch refuses to hand out anything before it has run, on every database.
 */
public final class Batch {

	private final JdbcTemplate jdbc;

	private final boolean together;

	private final List<Statement<?>> waiting = new ArrayList<>();

	private final List<Runnable> answers = new ArrayList<>();

	private boolean ran;

	Batch(JdbcTemplate jdbc, boolean together) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("a batch belongs to a transaction");
		}
		this.jdbc = jdbc;
		this.together = together;
	}

	/** A statement whose answer does not matter. */
	public void update(String sql, Object... params) {
		update(count -> {
		}, sql, params);
	}

	/** A statement that changes rows; {@code then} gets how many, once it has run. */
	public void update(IntConsumer then, String sql, Object... params) {
		add(new Statement<Void>(sql, params, null, (count, rows) -> then.accept(count)));
	}

	/** A statement that returns rows; {@code then} gets them, once it has run. */
	public <T> void query(RowMapper<T> mapper, Consumer<List<T>> then, String sql, Object... params) {
		add(new Statement<>(sql, params, mapper, (count, rows) -> then.accept(rows)));
	}

	private void add(Statement<?> statement) {
		if (this.ran) {
			throw new IllegalStateException("this batch has run");
		}
		if (this.together) {
			this.waiting.add(statement);
			return;
		}
		this.jdbc.execute((ConnectionCallback<Void>) connection -> {
			try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
				statement.bind(prepared, 1);
				statement.read(prepared, prepared.execute());
			}
			return null;
		});
		this.answers.add(statement::answer);
	}

	/**
	 * Runs what waits (PostgreSQL), then hands every statement's answer to its callback,
	 * in order.
	 */
	public void run() {
		if (this.ran) {
			throw new IllegalStateException("this batch has run");
		}
		this.ran = true;
		if (!this.waiting.isEmpty()) {
			StringBuilder sql = new StringBuilder();
			for (Statement<?> statement : this.waiting) {
				sql.append(sql.isEmpty() ? "" : ";\n").append(statement.sql());
			}
			this.jdbc.execute((ConnectionCallback<Void>) connection -> {
				try (PreparedStatement prepared = connection.prepareStatement(sql.toString())) {
					int index = 1;
					for (Statement<?> statement : this.waiting) {
						index = statement.bind(prepared, index);
					}
					boolean rows = prepared.execute();
					for (Statement<?> statement : this.waiting) {
						statement.read(prepared, rows);
						rows = prepared.getMoreResults();
					}
				}
				return null;
			});
			for (Statement<?> statement : this.waiting) {
				this.answers.add(statement::answer);
			}
		}
		this.answers.forEach(Runnable::run);
	}

	/** Who gets a statement's answer: the count it changed, or its rows. */
	private interface Answer<T> {

		void accept(int count, List<T> rows);

	}

	private static final class Statement<T> {

		private final String sql;

		private final Object[] params;

		private final RowMapper<T> mapper;

		private final Answer<T> answer;

		private int count;

		private final List<T> rows = new ArrayList<>();

		Statement(String sql, Object[] params, RowMapper<T> mapper, Answer<T> answer) {
			this.sql = sql;
			this.params = params;
			this.mapper = mapper;
			this.answer = answer;
		}

		String sql() {
			return this.sql;
		}

		/** Binds the parameters from {@code first} on; the index after them. */
		int bind(PreparedStatement prepared, int first) throws SQLException {
			int index = first;
			for (Object param : this.params) {
				StatementCreatorUtils.setParameterValue(prepared, index++, SqlTypeValue.TYPE_UNKNOWN, param);
			}
			return index;
		}

		void read(PreparedStatement prepared, boolean rows) throws SQLException {
			if (!rows) {
				this.count = prepared.getUpdateCount();
				return;
			}
			if (this.mapper == null) {
				throw new IllegalStateException("a statement added as an update returned rows: " + this.sql);
			}
			try (ResultSet result = prepared.getResultSet()) {
				while (result.next()) {
					this.rows.add(this.mapper.mapRow(result, this.rows.size()));
				}
			}
			this.count = this.rows.size();
		}

		void answer() {
			this.answer.accept(this.count, this.rows);
		}

	}

}
