package dev.promptledger.version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Content-addressed, delta-compressed storage of contents (see docs/storage.md). Each distinct content
 * is stored once. The current content of a prompt is a full snapshot, so reading it rebuilds nothing;
 * when a prompt moves on, its previous content is re-encoded as a delta against the new one, unless
 * that would put more than {@code promptledger.storage.max-chain} deltas between some blob and its snapshot, or the delta
 * would not be smaller. Every rebuilt content is checked against its SHA-256.
 */
@Repository
public class ContentStore {

	/** The default of {@code promptledger.storage.max-chain}: chosen by measurement (docs/storage.md). */
	public static final int DEFAULT_MAX_CHAIN = 128;

	/** At most this many deltas are applied to rebuild any content. */
	private final int maxChain;

	private volatile Boolean postgres;

	private static final String CHAIN_QUERY = """
			WITH RECURSIVE lineage (hash, base, chain, length, data, depth) AS (
			  SELECT hash, base, chain, length, data, 0 FROM content_blob WHERE hash = ?
			  UNION ALL
			  SELECT b.hash, b.base, b.chain, b.length, b.data, l.depth + 1
			  FROM lineage l CROSS JOIN LATERAL (SELECT * FROM content_blob c WHERE c.hash = l.base LIMIT 1) b
			  WHERE l.depth <= ?
			)
			SELECT hash, base, chain, length, data FROM lineage ORDER BY depth""";

	private final DataSource dataSource;

	private record Blob(byte[] hash, byte[] base, int chain, int length, byte[] data) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	ContentStore(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
			@Value("${promptledger.storage.max-chain:" + DEFAULT_MAX_CHAIN + "}") int maxChain) {
		this.maxChain = maxChain;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** Stores a content (once) as a full snapshot and returns its hash. */
	public byte[] store(String content) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		byte[] hash = sha256(bytes);
		Optional<Blob> existing = find(hash);
		if (existing.isEmpty()) {
			try {
				this.savepoint.executeWithoutResult(status -> this.jdbc
					.sql("INSERT INTO content_blob (hash, base, chain, length, data) VALUES (?, NULL, 0, ?, ?)")
					.params(hash, bytes.length, BlobCodec.compress(bytes))
					.update());
			}
			catch (DuplicateKeyException ex) {
				// another writer stored the same content at the same moment: it is there now
			}
		}
		else if (existing.get().base() != null) {
			// a revert to an old content makes it current again: current contents are snapshots
			this.jdbc.sql("UPDATE content_blob SET base = NULL, chain = ?, data = ? WHERE hash = ?")
				.params(this.maxChain, BlobCodec.compress(bytes), hash)
				.update();
		}
		return hash;
	}

	/**
	 * After a prompt moved from content {@code previous} to {@code current}, stores {@code previous} as a
	 * delta against {@code current} when that is allowed and smaller. Both must be stored already, and
	 * the caller passes both texts, which it has at hand, so nothing is read back to build the delta.
	 */
	public void demote(byte[] previous, String previousContent, byte[] current, String currentContent) {
		if (MessageDigest.isEqual(previous, current) || stillCurrentSomewhere(previous)) {
			return;
		}
		record Stored(boolean snapshot, int chain, int size) {
		}
		Stored old = this.jdbc
			.sql("SELECT base IS NULL AS snapshot, chain, OCTET_LENGTH(data) AS size FROM content_blob WHERE hash = ? FOR UPDATE")
			.param(previous)
			.query((rs, n) -> new Stored(rs.getBoolean("snapshot"), rs.getInt("chain"), rs.getInt("size")))
			.single();
		if (!old.snapshot() || old.chain() + 1 > this.maxChain) {
			return;
		}
		byte[] delta = BlobCodec.delta(currentContent.getBytes(StandardCharsets.UTF_8),
				previousContent.getBytes(StandardCharsets.UTF_8));
		if (delta.length >= old.size()) {
			return;
		}
		// the current content was stored as a snapshot by store() in this same write
		this.jdbc.sql("UPDATE content_blob SET base = ?, chain = 0, data = ? WHERE hash = ?")
			.params(current, delta, previous)
			.update();
		this.jdbc.sql("UPDATE content_blob SET chain = ? WHERE hash = ? AND chain < ?")
			.params(old.chain() + 1, current, old.chain() + 1)
			.update();
	}

	/**
	 * The content with this hash, rebuilt and checked.
	 * @throws CorruptContentException when what is stored does not rebuild into content with this hash
	 */
	public String read(byte[] hash) {
		List<Blob> chain = chain(hash);
		if (chain.isEmpty() || !MessageDigest.isEqual(chain.get(0).hash(), hash)) {
			throw new CorruptContentException("no stored content " + hex(hash));
		}
		Deque<Blob> deltas = new ArrayDeque<>();
		Blob blob = chain.get(0);
		for (int i = 1; blob.base() != null; i++) {
			deltas.push(blob);
			if (i >= chain.size() || !MessageDigest.isEqual(chain.get(i).hash(), blob.base())) {
				throw new CorruptContentException("the delta chain of " + hex(hash) + " is broken");
			}
			blob = chain.get(i);
		}
		String text = new String(BlobCodec.decompress(blob.data(), blob.length()), StandardCharsets.UTF_8);
		while (!deltas.isEmpty()) {
			text = BlobCodec.apply(text, deltas.pop().data());
		}
		if (!MessageDigest.isEqual(sha256(text.getBytes(StandardCharsets.UTF_8)), hash)) {
			throw new CorruptContentException("the content rebuilt for " + hex(hash) + " has another hash");
		}
		return text;
	}

	/**
	 * The blob and every base under it, the blob first, bounded whatever is stored: in one round trip on
	 * PostgreSQL; one query a link on H2, whose recursive queries cannot compare binary columns. Each
	 * link is a LATERAL lookup by primary key, so the plan stays an index probe a link even when the
	 * table's statistics are stale after a burst of writes (a join let the planner scan the table at
	 * every link, 8 times slower).
	 */
	private List<Blob> chain(byte[] hash) {
		if (!recursiveQueries()) {
			List<Blob> chain = new java.util.ArrayList<>();
			Optional<Blob> next = find(hash);
			while (next.isPresent() && chain.size() <= this.maxChain + 1) {
				chain.add(next.get());
				next = next.get().base() == null ? Optional.empty() : find(next.get().base());
			}
			return chain;
		}
		java.sql.Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (java.sql.PreparedStatement statement = connection.prepareStatement(CHAIN_QUERY)) {
			statement.setBytes(1, hash);
			statement.setInt(2, this.maxChain + 1);
			List<Blob> chain = new java.util.ArrayList<>();
			try (java.sql.ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					chain.add(blob(rows));
				}
			}
			return chain;
		}
		catch (java.sql.SQLException ex) {
			throw new org.springframework.dao.DataAccessResourceFailureException("reading a delta chain failed", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private boolean recursiveQueries() {
		Boolean known = this.postgres;
		if (known == null) {
			known = isPostgres();
			this.postgres = known;
		}
		return known;
	}

	private boolean isPostgres() {
		java.sql.Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
		}
		catch (java.sql.SQLException ex) {
			return false;
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** Whether a live prompt other than the one being written still shows this content as current. */
	private boolean stillCurrentSomewhere(byte[] hash) {
		return !this.jdbc.sql("""
				SELECT 1 FROM prompt_version v JOIN prompt p ON p.head_version_id = v.id
				WHERE v.content_hash = ? AND p.deleted_at IS NULL FETCH FIRST 1 ROWS ONLY""")
			.param(hash)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	private Optional<Blob> find(byte[] hash) {
		return this.jdbc.sql("SELECT hash, base, chain, length, data FROM content_blob WHERE hash = ?")
			.param(hash)
			.query((rs, n) -> blob(rs))
			.optional();
	}

	private static Blob blob(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Blob(rs.getBytes("hash"), rs.getBytes("base"), rs.getInt("chain"), rs.getInt("length"),
				rs.getBytes("data"));
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hex(byte[] hash) {
		return HexFormat.of().formatHex(hash);
	}

}
