package dev.promptledger.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.db.Batch;
import dev.promptledger.db.Batches;
import dev.promptledger.support.PostgresDatabase;
import dev.promptledger.support.Schemas;
import dev.promptledger.support.PublicPrompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The content store with a trained dictionary, on H2 and PostgreSQL: a node trains the
 * first one by itself once enough is stored, later contents and deltas are compressed
 * with it, a compaction encodes the earlier ones anew, and every content reads back byte
 * for byte on a node that has nothing cached, through chains that mix both codecs.
 */
class DictionaryStoreTest {

	@Test
	void dictionaryContentsReadBackOnH2() throws Exception {
		check("jdbc:h2:mem:dictionary-store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "",
				DatabaseKind.H2);
	}

	@Test
	void dictionaryContentsReadBackOnPostgres() throws Exception {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		check(PostgresDatabase.scratch("dictionary"), PostgresDatabase.user(), PostgresDatabase.password(),
				DatabaseKind.POSTGRESQL);
	}

	@Test
	void pagesOfLargeBlobsStayWithinTheirBytesOnH2() {
		pagesStayWithinTheirBytes(
				migrated("jdbc:h2:mem:blob-pages;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "",
						DatabaseKind.H2),
				DatabaseKind.H2);
	}

	@Test
	void pagesOfLargeBlobsStayWithinTheirBytesOnPostgres() {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		pagesStayWithinTheirBytes(migrated(PostgresDatabase.scratch("blob_pages"), PostgresDatabase.user(),
				PostgresDatabase.password(), DatabaseKind.POSTGRESQL), DatabaseKind.POSTGRESQL);
	}

	/**
	 * What a compaction or a training reads at once: ten blobs of 100,000 bytes come in
	 * pages of three under a budget of 250,000 bytes (one alone when it is larger than
	 * the budget), in order, each once; snapshots alone when asked.
	 */
	private static void pagesStayWithinTheirBytes(DataSource dataSource, DatabaseKind kind) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		for (int i = 0; i < 10; i++) {
			byte[] hash = ContentStore.sha256(("large " + i).getBytes(StandardCharsets.UTF_8));
			jdbc.sql("INSERT INTO content_blob (hash, base, chain, length, data) VALUES (?, NULL, 0, 100000, ?)")
				.params(hash, new byte[100_000])
				.update();
		}
		BlobTable blobs = new BlobTable(jdbc, dataSource, kind);
		List<Integer> sizes = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		byte[] last = null;
		for (List<BlobTable.Blob> page = blobs.page(null, false, 500, 250_000); !page.isEmpty(); page = blobs.page(last,
				false, 500, 250_000)) {
			sizes.add(page.size());
			for (BlobTable.Blob blob : page) {
				seen.add(ContentStore.hex(blob.hash()));
				last = blob.hash();
			}
		}
		assertThat(sizes).isEqualTo(List.of(3, 3, 3, 1));
		assertThat(seen).doesNotHaveDuplicates().isSorted().hasSize(10);
		assertThat(blobs.page(null, false, 500, 50_000)).as("a blob larger than the budget, alone").hasSize(1);
		assertThat(blobs.page(null, false, 2, 1 << 20)).as("at most the rows asked for").hasSize(2);
		jdbc.sql("UPDATE content_blob SET base = hash WHERE length = 100000 AND hash <> ?")
			.param(ContentStore.sha256("large 0".getBytes(StandardCharsets.UTF_8)))
			.update();
		assertThat(blobs.page(null, true, 500, 1 << 20)).as("the snapshots alone").hasSize(1);
		assertThat(blobs.count(100, true)).isEqualTo(1);
		assertThat(blobs.count(5, false)).isEqualTo(5);
	}

	private static DataSource migrated(String url, String user, String password, DatabaseKind kind) {
		return Schemas.migrated(new DriverManagerDataSource(url, user, password), kind);
	}

	private static void check(String url, String user, String password, DatabaseKind kind)
			throws IOException, InterruptedException {
		DataSource dataSource = migrated(url, user, password, kind);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Batches batches = new Batches(new JdbcTemplate(dataSource), kind);
		List<String> contents = new ArrayList<>();
		List<CSVRecord> rows = PublicPrompts.rows();
		// a node with the dictionary off stores 150 prompts of two versions (it looks
		// after 256 snapshots, and does not train)
		ContentStore off = new ContentStore(jdbc, dataSource, kind, 8, 1 << 20, "off", 100);
		for (int i = 0; i < 150; i++) {
			write(off, batches, transactions, contents, rows.get(i).get("prompt"), rows.get(i + 500).get("prompt"), i);
		}
		Thread.sleep(500);
		assertThat(dictionaries(jdbc)).as("no dictionary while it is off").isZero();
		long deflated = dataBytes(jdbc);

		// a node with it on: at its 256th snapshot it looks, trains (the store holds more
		// than 100), and compacts what was there before
		ContentStore writer = new ContentStore(jdbc, dataSource, kind, 8, 1 << 20, "auto", 100);
		for (int i = 150; i < 300; i++) {
			write(writer, batches, transactions, contents, rows.get(i).get("prompt"), rows.get(i + 500).get("prompt"),
					i);
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while ((dictionaries(jdbc) == 0 || count(jdbc, "base IS NULL AND dictionary IS NULL") >= 10)
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		assertThat(dictionaries(jdbc)).as("a dictionary trained by the node itself").isEqualTo(1);
		assertThat(count(jdbc, "base IS NULL AND dictionary IS NULL")).as("snapshots left deflated").isLessThan(10);
		assertThat(count(jdbc, "base IS NOT NULL AND dictionary = 1")).as("deltas compressed with the dictionary")
			.isPositive();
		for (int i = 300; i < 400; i++) {
			write(writer, batches, transactions, contents, rows.get(i).get("prompt"), rows.get(i + 500).get("prompt"),
					i);
		}
		assertThat(bytesOf(jdbc, contents.subList(0, 300))).as("the first 150 prompts, compacted")
			.isLessThan(deflated * 9 / 10);
		readsBack(new ContentStore(jdbc, dataSource, kind, 8, 0, "off", 100), contents);

		ContentStore.Compaction again = new ContentStore(jdbc, dataSource, kind, 8, 0, "off", 100).compact(true,
				page -> {
				});
		assertThat(again.dictionary()).as("a new dictionary, asked for").isEqualTo(2);
		assertThat(again.recoded()).as("blobs written at the write level, now at the compaction's").isPositive();
		readsBack(new ContentStore(jdbc, dataSource, kind, 8, 0, "off", 100), contents);

		String victim = contents.get(contents.size() - 1);
		byte[] hash = ContentStore.sha256(victim.getBytes(StandardCharsets.UTF_8));
		byte[] data = jdbc.sql("SELECT data FROM content_blob WHERE hash = ? AND dictionary IS NOT NULL")
			.param(hash)
			.query(byte[].class)
			.single();
		data[data.length / 2] ^= 0x5A;
		jdbc.sql("UPDATE content_blob SET data = ? WHERE hash = ?").params(data, hash).update();
		assertThatThrownBy(() -> new ContentStore(jdbc, dataSource, kind, 8, 0, "off", 100).read(hash))
			.isInstanceOf(CorruptContentException.class);
		ContentStore.Compaction past = new ContentStore(jdbc, dataSource, kind, 8, 0, "off", 100).compact(false,
				page -> {
				});
		assertThat(past.damaged()).as("the damaged blob, counted and passed over").isEqualTo(1);
		assertThat(past.blobs()).as("every other blob, still looked at").isEqualTo(count(jdbc, "TRUE"));
	}

	/**
	 * A prompt's two versions: the content with a paragraph of another, then the content
	 * alone, edited, which moves the first to a delta that holds the paragraph.
	 */
	private static void write(ContentStore store, Batches batches, TransactionTemplate transactions,
			List<String> contents, String content, String other, int index) {
		String first = content + "\n\n" + other + "\n\n(prompt " + index + ")";
		String second = content.replaceFirst(" ", " carefully ") + "\n\n(prompt " + index + ")";
		transactions.executeWithoutResult(status -> {
			Batch batch = batches.open();
			store.store(batch, first);
			byte[] now = store.store(batch, second);
			store.demote(batch, ContentStore.sha256(first.getBytes(StandardCharsets.UTF_8)), first, now, second);
			batch.run();
		});
		contents.add(first);
		contents.add(second);
	}

	private static void readsBack(ContentStore store, List<String> contents) {
		for (String content : contents) {
			assertThat(store.read(ContentStore.sha256(content.getBytes(StandardCharsets.UTF_8)))).isEqualTo(content);
		}
	}

	private static long dictionaries(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM content_dictionary").query(Long.class).single();
	}

	private static long count(JdbcClient jdbc, String where) {
		return jdbc.sql("SELECT COUNT(*) FROM content_blob WHERE " + where).query(Long.class).single();
	}

	private static long bytesOf(JdbcClient jdbc, List<String> contents) {
		long bytes = 0;
		for (String content : new java.util.HashSet<>(contents)) {
			bytes += jdbc.sql("SELECT OCTET_LENGTH(data) FROM content_blob WHERE hash = ?")
				.param(ContentStore.sha256(content.getBytes(StandardCharsets.UTF_8)))
				.query(Long.class)
				.single();
		}
		return bytes;
	}

	private static long dataBytes(JdbcClient jdbc) {
		return jdbc.sql("SELECT SUM(OCTET_LENGTH(data)) FROM content_blob").query(Long.class).single();
	}

}
