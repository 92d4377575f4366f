package dev.promptledger.version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.db.Batch;

/**
 * The SQL of {@code content_blob}. On PostgreSQL a demotion is one statement (a
 * data-modifying CTE) and a delta chain one recursive query; H2, which has neither form,
 * gets the same in several.
 */
final class BlobTable {

	/** A row: {@code dictionary} is the one its data needs, or null. */
	record Blob(byte[] hash, byte[] base, int chain, int length, byte[] data, Integer dictionary) {
	}

	/**
	 * Turns a snapshot into a delta when it is allowed (a snapshot, under the chain
	 * limit, larger than the delta, no live prompt's current content) and raises the
	 * chain count of its new base: one statement, the row locked by the first step.
	 * "Current somewhere" goes from the versions holding the content (by index) to each
	 * one's prompt (by primary key); the LATERAL with LIMIT keeps the planner from
	 * scanning every prompt instead, which its generic plan did (4-6 ms at 1,000
	 * prompts).
	 */
	private static final String DEMOTE = """
			WITH old AS (
			  SELECT hash, chain FROM content_blob
			  WHERE hash = ? AND base IS NULL AND chain < ? AND OCTET_LENGTH(data) > ?
			    AND NOT EXISTS (SELECT 1 FROM prompt_version v CROSS JOIN LATERAL (SELECT 1 FROM prompt p
			                      WHERE p.id = v.prompt_id AND p.head_version_id = v.id AND p.deleted_at IS NULL LIMIT 1) h
			                    WHERE v.content_hash = ?)
			  FOR UPDATE
			), demoted AS (
			  UPDATE content_blob b SET base = ?, chain = 0, data = ?, dictionary = ? FROM old WHERE b.hash = old.hash
			  RETURNING old.chain + 1 AS chain
			)
			UPDATE content_blob c SET chain = d.chain FROM demoted d WHERE c.hash = ? AND c.chain < d.chain""";

	private static final String CHAIN = """
			WITH RECURSIVE lineage (hash, base, chain, length, data, dictionary, depth) AS (
			  SELECT hash, base, chain, length, data, dictionary, 0 FROM content_blob WHERE hash = ?
			  UNION ALL
			  SELECT b.hash, b.base, b.chain, b.length, b.data, b.dictionary, l.depth + 1
			  FROM lineage l CROSS JOIN LATERAL (SELECT * FROM content_blob c WHERE c.hash = l.base LIMIT 1) b
			  WHERE l.depth < ?
			)
			SELECT hash, base, chain, length, data, dictionary FROM lineage ORDER BY depth""";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final boolean postgres;

	BlobTable(JdbcClient jdbc, DataSource dataSource, DatabaseKind kind) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.postgres = kind == DatabaseKind.POSTGRESQL;
	}

	/**
	 * Makes sure the content with this hash is stored as a snapshot: inserted when new,
	 * turned back from a delta into a snapshot with the chain count
	 * {@code resnapshotChain} when it was one (a revert makes an old content current
	 * again), left alone otherwise. Neither statement locks a snapshot that is there.
	 * @param dictionary the dictionary {@code compressed} needs, or null
	 * @param stored runs once the batch has run, when the content was new
	 */
	void storeSnapshot(Batch batch, byte[] hash, int length, byte[] compressed, Integer dictionary, int resnapshotChain,
			Runnable stored) {
		batch.update(inserted -> {
			if (inserted == 1) {
				stored.run();
			}
		}, """
				INSERT INTO content_blob (hash, base, chain, length, data, dictionary) VALUES (?, NULL, 0, ?, ?, ?)
				ON CONFLICT DO NOTHING""", hash, length, compressed, dictionary);
		// finds nothing when the row was just inserted, or is a snapshot already
		batch.update("UPDATE content_blob SET base = NULL, chain = ?, data = ?, dictionary = ? "
				+ "WHERE hash = ? AND base IS NOT NULL", resnapshotChain, compressed, dictionary, hash);
	}

	/**
	 * Stores {@code previous} as {@code delta} against {@code current} if the rules of
	 * {@link #DEMOTE} allow.
	 */
	void demote(Batch batch, byte[] previous, byte[] current, byte[] delta, Integer dictionary, int maxChain) {
		if (this.postgres) {
			batch.update(DEMOTE, previous, maxChain, delta.length, previous, current, delta, dictionary, current);
			return;
		}
		// H2's batch has run every statement before this one already
		if (stillCurrentSomewhere(previous)) {
			return;
		}
		record Stored(boolean snapshot, int chain, int size) {
		}
		Stored old = this.jdbc.sql(
				"SELECT base IS NULL AS snapshot, chain, OCTET_LENGTH(data) AS size FROM content_blob WHERE hash = ? FOR UPDATE")
			.param(previous)
			.query((rs, n) -> new Stored(rs.getBoolean("snapshot"), rs.getInt("chain"), rs.getInt("size")))
			.single();
		if (!old.snapshot() || old.chain() >= maxChain || delta.length >= old.size()) {
			return;
		}
		this.jdbc.sql("UPDATE content_blob SET base = ?, chain = 0, data = ?, dictionary = ? WHERE hash = ?")
			.params(current, delta, dictionary, previous)
			.update();
		this.jdbc.sql("UPDATE content_blob SET chain = ? WHERE hash = ? AND chain < ?")
			.params(old.chain() + 1, current, old.chain() + 1)
			.update();
	}

	/**
	 * The blob and every base under it, the blob first, at most {@code limit} of them: in
	 * one round trip on PostgreSQL; one query a link on H2, whose recursive queries
	 * cannot compare binary columns. Each link is a LATERAL lookup by primary key, so the
	 * plan stays an index probe a link even when the table's statistics are stale after a
	 * burst of writes (a join let the planner scan the table at every link, 8 times
	 * slower).
	 */
	List<Blob> chain(byte[] hash, int limit) {
		if (!this.postgres) {
			List<Blob> chain = new ArrayList<>();
			Optional<Blob> next = find(hash);
			while (next.isPresent() && chain.size() < limit) {
				chain.add(next.get());
				next = next.get().base() == null ? Optional.empty() : find(next.get().base());
			}
			return chain;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (PreparedStatement statement = connection.prepareStatement(CHAIN)) {
			statement.setBytes(1, hash);
			statement.setInt(2, limit - 1);
			List<Blob> chain = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					chain.add(blob(rows));
				}
			}
			return chain;
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("reading a delta chain failed", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * How many blobs are stored ({@code snapshots}: only snapshots), counted up to
	 * {@code atMost}.
	 */
	long count(int atMost, boolean snapshots) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM (SELECT 1 FROM content_blob" + (snapshots ? " WHERE base IS NULL" : "")
					+ " LIMIT " + atMost + ") s")
			.query(Long.class)
			.single();
	}

	/**
	 * The rows after the hash {@code after} (null: from the first), by hash ({@code
	 * snapshots}: only snapshots): at most {@code size} of them, and no more than fit in
	 * {@code maxBytes} of data (always the first, which holds at most one content), so a
	 * page of large contents stays small in memory.
	 */
	List<Blob> page(byte[] after, boolean snapshots, int size, long maxBytes) {
		String where = (after == null ? "" : " AND hash > ?") + (snapshots ? " AND base IS NULL" : "");
		var statement = this.jdbc.sql("""
				SELECT hash, base, chain, length, data, dictionary FROM (
				  SELECT hash, base, chain, length, data, dictionary,
				         SUM(OCTET_LENGTH(data)) OVER (ORDER BY hash) - OCTET_LENGTH(data) AS before
				  FROM (SELECT * FROM content_blob WHERE TRUE%s ORDER BY hash LIMIT %d) l
				) s WHERE before < ? ORDER BY hash""".formatted(where, size));
		if (after != null) {
			statement = statement.param(after);
		}
		return statement.param(maxBytes).query((rs, n) -> blob(rs)).list();
	}

	/**
	 * Replaces a row's data with the same content encoded anew, unless the row changed
	 * since it was read (a write turned it into a delta or back).
	 * @return whether it was replaced
	 */
	boolean recode(Blob read, byte[] data, Integer dictionary) {
		String update = "UPDATE content_blob SET data = ?, dictionary = ? WHERE hash = ? AND data = ? AND ";
		if (read.base() == null) {
			return this.jdbc.sql(update + "base IS NULL")
				.params(data, dictionary, read.hash(), read.data())
				.update() == 1;
		}
		return this.jdbc.sql(update + "base = ?")
			.params(data, dictionary, read.hash(), read.data(), read.base())
			.update() == 1;
	}

	/**
	 * Whether a live prompt still shows this content as current (the one being written
	 * has moved on already).
	 */
	private boolean stillCurrentSomewhere(byte[] hash) {
		return !this.jdbc
			.sql("""
					SELECT 1 FROM prompt_version v WHERE v.content_hash = ? AND EXISTS (SELECT 1 FROM prompt p
					  WHERE p.id = v.prompt_id AND p.head_version_id = v.id AND p.deleted_at IS NULL) FETCH FIRST 1 ROWS ONLY""")
			.param(hash)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	private Optional<Blob> find(byte[] hash) {
		return this.jdbc.sql("SELECT hash, base, chain, length, data, dictionary FROM content_blob WHERE hash = ?")
			.param(hash)
			.query((rs, n) -> blob(rs))
			.optional();
	}

	private static Blob blob(ResultSet rs) throws SQLException {
		return new Blob(rs.getBytes("hash"), rs.getBytes("base"), rs.getInt("chain"), rs.getInt("length"),
				rs.getBytes("data"), (Integer) rs.getObject("dictionary"));
	}

}
