package dev.promptledger.version;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Properties of the content store, on H2 and on PostgreSQL: for random histories of
 * edits, reverts and repeated contents, every version reads back byte for byte, and
 * damage is detected, not served.
 */
class ContentStorePropertiesTest {

	/**
	 * One step of a history: a new content made by editing the current one, or a return
	 * to an earlier one.
	 */
	record Step(int kind, int position, String text, int earlier) {
	}

	private static Store h2;

	private static Store postgres;

	/** The store over one database, with the schema migrated by the real migrations. */
	record Store(ContentStore contents, Batches batches, TransactionTemplate transactions, JdbcClient jdbc) {

		static Store on(String url, String user, String password) {
			DatabaseKind kind = url.startsWith("jdbc:h2") ? DatabaseKind.H2 : DatabaseKind.POSTGRESQL;
			DataSource dataSource = Schemas.migrated(new DriverManagerDataSource(url, user, password), kind);
			DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
			return new Store(new ContentStore(JdbcClient.create(dataSource), dataSource, kind, 4, 0, "auto", 1000),
					new Batches(new JdbcTemplate(dataSource), kind), new TransactionTemplate(manager),
					JdbcClient.create(dataSource));
		}

	}

	private static synchronized Store h2() {
		if (h2 == null) {
			h2 = Store.on("jdbc:h2:mem:content-properties;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
					"sa", "");
		}
		return h2;
	}

	private static synchronized Store postgres() {
		if (postgres == null) {
			postgres = Store.on(PostgresDatabase.url(), PostgresDatabase.user(), PostgresDatabase.password());
		}
		return postgres;
	}

	@Provide
	Arbitrary<List<Step>> histories() {
		Arbitrary<Step> step = Combinators
			.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 10_000),
					Arbitraries.strings()
						.ofMinLength(0)
						.ofMaxLength(40)
						.withChars("abcdefghijklmnopqrstuvwxyz \n{}é~.,")
						.map(text -> text.replace("~", "😀")),
					Arbitraries.integers().between(0, 1000))
			.as(Step::new);
		return step.list().ofMinSize(1).ofMaxSize(40);
	}

	@Property(tries = 60)
	void everyVersionReadsBackOnH2(@ForAll("histories") List<Step> history, @ForAll("seeds") String seed) {
		replayAndCheck(h2(), history, seed);
	}

	@Property(tries = 40)
	void everyVersionReadsBackOnPostgres(@ForAll("histories") List<Step> history, @ForAll("seeds") String seed) {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		replayAndCheck(postgres(), history, seed);
	}

	@Provide
	Arbitrary<String> seeds() {
		return Arbitraries.strings().withChars("abcdefghij klmnop\nqrstuvwxyz").ofMinLength(0).ofMaxLength(3000);
	}

	private static void replayAndCheck(Store store, List<Step> history, String seed) {
		List<String> versions = new ArrayList<>();
		versions.add(seed + System.nanoTime());
		store.transactions().executeWithoutResult(status -> {
			Batch batch = store.batches().open();
			store.contents().store(batch, versions.get(0));
			batch.run();
		});
		for (Step step : history) {
			String previous = versions.get(versions.size() - 1);
			String next;
			if (step.kind() < 2) {
				next = versions.get(step.earlier() % versions.size());
			}
			else if (step.kind() < 3) {
				next = previous;
			}
			else {
				int at = boundary(previous, previous.isEmpty() ? 0 : step.position() % (previous.length() + 1));
				int cut = boundary(previous, Math.min(previous.length(), at + step.position() % 7));
				next = previous.substring(0, at) + step.text() + previous.substring(cut);
			}
			versions.add(next);
			store.transactions().executeWithoutResult(status -> {
				Batch batch = store.batches().open();
				byte[] now = store.contents().store(batch, next);
				store.contents().demote(batch, hash(previous), previous, now, next);
				batch.run();
			});
		}
		for (String content : versions) {
			assertThat(store.contents().read(hash(content))).isEqualTo(content);
		}
	}

	@Property(tries = 10)
	void aDamagedDeltaIsDetectedNotServed(@ForAll("seeds") String seed) {
		Store store = h2();
		StringBuilder text = new StringBuilder("base " + seed + System.nanoTime());
		for (int i = 0; i < 40; i++) {
			text.append(" sentence ").append(i).append(" of a prompt long enough to be worth a delta.");
		}
		String base = text.toString();
		String newer = base + " and a small edit";
		store.transactions().executeWithoutResult(status -> {
			Batch batch = store.batches().open();
			store.contents().store(batch, base);
			byte[] now = store.contents().store(batch, newer);
			store.contents().demote(batch, hash(base), base, now, newer);
			batch.run();
		});
		byte[] data = store.jdbc()
			.sql("SELECT data FROM content_blob WHERE hash = ?")
			.param(hash(base))
			.query(byte[].class)
			.single();
		boolean delta = store.jdbc()
			.sql("SELECT base IS NOT NULL FROM content_blob WHERE hash = ?")
			.param(hash(base))
			.query(Boolean.class)
			.single();
		byte[] damaged = data.clone();
		damaged[damaged.length / 2] ^= 0x5A;
		store.jdbc().sql("UPDATE content_blob SET data = ? WHERE hash = ?").params(damaged, hash(base)).update();
		assertThatThrownBy(() -> store.contents().read(hash(base))).isInstanceOf(CorruptContentException.class);
		assertThat(delta).as("a long enough content is stored as a delta").isTrue();
	}

	@AfterContainer
	static void close() {
		h2 = null;
		postgres = null;
	}

	/**
	 * The nearest index at or after {@code index} that does not split a surrogate pair
	 * (the API refuses halves).
	 */
	static int boundary(String text, int index) {
		return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index + 1 : index;
	}

	private static byte[] hash(String content) {
		return ContentStore.sha256(content.getBytes(StandardCharsets.UTF_8));
	}

}
