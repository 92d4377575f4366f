package dev.promptledger.version;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.promptledger.db.Batch;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;

/**
 * The append-only table of versions. It inserts and reads; there is no update or delete.
 * Reads see versions of live prompts only.
 */
@Repository
class VersionStore implements MeterBinder {

	private static final String META_COLUMNS = """
			v.id, v.prompt_id, v.number, v.name, v.description, v.content_sha256, v.created_at, v.author,
			v.change_type, v.message, v.parent_version_id, v.reverted_from_version_id, v.lines_added,
			v.lines_removed, v.chars_added, v.chars_removed, v.fields_changed, v.variables, v.body_format""";

	private static final String LIVE = " JOIN prompt p ON p.id = v.prompt_id AND p.deleted_at IS NULL ";

	/**
	 * How many versions {@link #known} keeps in memory (about 0.5 KB each without
	 * content).
	 */
	private static final int KNOWN_VERSIONS = 20_000;

	private static final Logger log = LoggerFactory.getLogger(VersionStore.class);

	private final JdbcClient jdbc;

	private final ContentStore contents;

	/** Versions by id, without content (the content store keeps contents). */
	private final Cache<UUID, Version> known = Caffeine.newBuilder().maximumSize(KNOWN_VERSIONS).recordStats().build();

	VersionStore(JdbcClient jdbc, ContentStore contents) {
		this.jdbc = jdbc;
		this.contents = contents;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.known, "versions");
	}

	/**
	 * Inserts a version; its body, as {@code stored} (its {@link Body#stored()}), goes to
	 * the content store (once per distinct content). The emptied {@code content} column
	 * is not named, so that a later release can drop it (docs/operations.md). Both when
	 * {@code batch} runs.
	 */
	void insert(Batch batch, Version v, String stored) {
		byte[] hash = this.contents.store(batch, stored);
		ChangeSummary s = v.summary();
		batch.update(
				"""
						INSERT INTO prompt_version (id, prompt_id, number, name, description, content_sha256,
						  created_at, author, change_type, message, parent_version_id, reverted_from_version_id,
						  lines_added, lines_removed, chars_added, chars_removed, fields_changed, variables, content_hash, body_format)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				v.id(), v.promptId(), v.number(), v.name(), v.description(), v.contentSha256(), utc(v.createdAt()),
				v.author(), v.changeType().wireName(), v.message(), v.parentVersionId(), v.revertedFromVersionId(),
				s.linesAdded(), s.linesRemoved(), s.charsAdded(), s.charsRemoved(), String.join(",", s.fieldsChanged()),
				Templates.join(v.variables()), hash, format(v));
		this.known.put(v.id(), v.withBody(null));
	}

	/** A version of a live prompt, with its content. */
	Optional<Version> find(UUID promptId, VersionRef ref) {
		String where = ref.id() != null ? "v.id = :key" : "v.number = :key";
		return this.jdbc
			.sql("SELECT " + META_COLUMNS + " FROM prompt_version v" + LIVE + "WHERE v.prompt_id = :promptId AND "
					+ where)
			.param("promptId", promptId)
			.param("key", ref.id() != null ? ref.id() : ref.number())
			.query((rs, n) -> map(rs, false))
			.optional()
			.map(this::withBody);
	}

	/**
	 * The version with its content, rebuilt from the content store and checked against
	 * its hash.
	 */
	Version withBody(Version v) {
		String stored;
		try {
			stored = this.contents.read(HexFormat.of().parseHex(v.contentSha256()));
		}
		catch (CorruptContentException ex) {
			log.error("Content of version {} (prompt {}, v{}) is corrupt: {}", v.id(), v.promptId(), v.number(),
					ex.getMessage());
			throw new ApiException(ErrorCode.CONTENT_CORRUPTED,
					"The stored content of version " + v.id() + " is damaged; it is not served.");
		}
		return v.withBody(Body.fromStored(stored, v.document()));
	}

	/**
	 * A version known to exist, by id, with its content: the head of a prompt the caller
	 * has locked. Versions never change, so this node answers from memory when it wrote
	 * or read the version before.
	 */
	Version known(UUID versionId) {
		Version meta = this.known.getIfPresent(versionId);
		if (meta == null) {
			meta = this.jdbc.sql("SELECT " + META_COLUMNS + " FROM prompt_version v WHERE v.id = :id")
				.param("id", versionId)
				.query((rs, n) -> map(rs, false))
				.single();
			this.known.put(versionId, meta);
		}
		return withBody(meta);
	}

	/**
	 * Versions of a live prompt, newest first, without content, numbered below
	 * {@code beforeNumber} when given.
	 */
	List<Version> page(UUID promptId, Integer beforeNumber, int limit) {
		return this.jdbc
			.sql("SELECT " + META_COLUMNS + " FROM prompt_version v" + LIVE
					+ "WHERE v.prompt_id = :promptId AND v.number < :before ORDER BY v.number DESC LIMIT :limit")
			.param("promptId", promptId)
			.param("before", beforeNumber == null ? Integer.MAX_VALUE : beforeNumber)
			.param("limit", limit)
			.query((rs, n) -> map(rs, false))
			.list();
	}

	/** The numbers of some versions of a prompt, by id. */
	Map<UUID, Integer> numbers(UUID promptId, Collection<UUID> ids) {
		Map<UUID, Integer> numbers = new HashMap<>();
		if (ids.isEmpty()) {
			return numbers;
		}
		this.jdbc.sql("SELECT id, number FROM prompt_version WHERE prompt_id = :promptId AND id IN (:ids)")
			.param("promptId", promptId)
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> numbers.put(rs.getObject("id", UUID.class), rs.getInt("number")))
			.list();
		return numbers;
	}

	/**
	 * Maps a row holding {@link #META_COLUMNS}; the content is not loaded
	 * ({@link #withBody} does that).
	 */
	static Version map(ResultSet rs, boolean withContent) throws SQLException {
		String fields = rs.getString("fields_changed");
		ChangeSummary summary = new ChangeSummary(rs.getInt("lines_added"), rs.getInt("lines_removed"),
				rs.getInt("chars_added"), rs.getInt("chars_removed"),
				fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")));
		String format = rs.getString("body_format");
		return new Version(rs.getObject("id", UUID.class), rs.getObject("prompt_id", UUID.class), rs.getInt("number"),
				rs.getString("name"), rs.getString("description"),
				"chat".equals(format) ? PromptType.CHAT : PromptType.TEXT, format != null, null,
				rs.getString("content_sha256"), instant(rs, "created_at"), rs.getString("author"),
				ChangeType.fromWire(rs.getString("change_type")), rs.getString("message"),
				rs.getObject("parent_version_id", UUID.class), rs.getObject("reverted_from_version_id", UUID.class),
				summary, Templates.split(rs.getString("variables")));
	}

	/**
	 * How a version's body is stored: null for a text's content as it is (what a node of
	 * the previous release writes and reads), else the type of the JSON document.
	 */
	private static String format(Version v) {
		return v.body().storedAsDocument() ? v.body().type().wireName() : null;
	}

	/** The column list {@link #map} reads, qualified with {@code v.}. */
	static String metaColumns() {
		return META_COLUMNS;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
