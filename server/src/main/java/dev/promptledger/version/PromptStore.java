package dev.promptledger.version;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.promptledger.db.Batch;
import dev.promptledger.db.Batches;
import dev.promptledger.http.Keyset.TimeKey;

/**
 * The prompt table: identities and head pointers. Only the {@link Ledger} writes it; the
 * head moves only by compare-and-set.
 */
@Repository
class PromptStore {

	/** The head of a live prompt, read under a row lock. */
	record Head(UUID versionId, int number, Instant createdAt, String createdBy, Instant updatedAt, String name) {
	}

	private static final String VIEW = "SELECT p.created_at AS prompt_created_at, p.created_by AS prompt_created_by, "
			+ "p.updated_at AS prompt_updated_at, " + VersionStore.metaColumns();

	private static final String FROM_LIVE = " FROM prompt p JOIN prompt_version v ON v.id = p.head_version_id"
			+ " WHERE p.deleted_at IS NULL";

	/** The live prompts with the first tag of a query, from that tag's rows. */
	private static final String FROM_TAG = " FROM prompt_tag t JOIN prompt p ON p.id = t.prompt_id"
			+ " JOIN prompt_version v ON v.id = p.head_version_id"
			+ " WHERE t.tag = :tag0 AND t.live_name IS NOT NULL AND p.deleted_at IS NULL";

	/** Locks a live prompt's row. */
	private static final String LOCK = "SELECT head_version_id, head_number, created_at, created_by, updated_at, "
			+ "live_name FROM prompt WHERE id = ? AND deleted_at IS NULL FOR UPDATE";

	/** A prompt's tags (no version) and labels (by version), by name. */
	private static final String METADATA = """
			SELECT tag AS name, CAST(NULL AS UUID) AS version_id FROM prompt_tag WHERE prompt_id = ?
			UNION ALL
			SELECT name, version_id FROM prompt_label WHERE prompt_id = ?
			ORDER BY 1""";

	private final JdbcClient jdbc;

	private final Batches batches;

	private final VersionStore versions;

	PromptStore(JdbcClient jdbc, Batches batches, VersionStore versions) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.versions = versions;
	}

	void insert(UUID id, String name, PromptType type, String createdBy, Instant now) {
		this.jdbc.sql("""
				INSERT INTO prompt (id, live_name, name_key, head_version_id, head_number, created_at, created_by,
				  updated_at, prompt_type)
				VALUES (:id, :name, LOWER(:name), NULL, 0, :now, :by, :now, :type)""")
			.param("id", id)
			.param("name", name)
			.param("type", type.wireName())
			.param("now", utc(now))
			.param("by", createdBy)
			.update();
	}

	/** Locks a live prompt's row for the rest of the transaction and reads its head. */
	Optional<Head> lockLive(UUID id) {
		return this.jdbc.sql(LOCK).param(id).query(PromptStore::head).optional();
	}

	/** A live prompt locked, with its tags and labels as they are once it is. */
	record Locked(Head head, Metadata metadata) {
	}

	/**
	 * {@link #lockLive} and {@link #metadata} in one round trip: the metadata is read
	 * after the lock is taken (by a statement of its own, which sees what committed while
	 * it waited).
	 */
	Optional<Locked> lockLiveWithMetadata(UUID id) {
		Batch batch = this.batches.open();
		List<Head> heads = new ArrayList<>();
		MetadataRows metadata = new MetadataRows();
		batch.query(PromptStore::head, heads::addAll, LOCK, id);
		batch.query(metadata::add, rows -> {
		}, METADATA, id, id);
		batch.run();
		return heads.stream().findFirst().map(head -> new Locked(head, metadata.get()));
	}

	private static Head head(ResultSet rs, int row) throws SQLException {
		return new Head(rs.getObject("head_version_id", UUID.class), rs.getInt("head_number"),
				instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
				rs.getString("live_name"));
	}

	/**
	 * Moves the head from {@code expected} (null for a new prompt) to a new version, when
	 * {@code batch} runs; it fails the batch when the prompt moved on or is gone, which
	 * the row lock of a write makes impossible (better to roll back than to fork the
	 * history).
	 */
	void moveHead(Batch batch, UUID id, UUID expected, UUID next, int number, String name, String searchText,
			Instant now) {
		// a rename takes the new name's key; a prompt left without one by V6 (a
		// collision) keeps none until renamed
		String sql = "UPDATE prompt SET head_version_id = ?, head_number = ?, "
				+ "name_key = CASE WHEN live_name = ? THEN name_key ELSE LOWER(?) END, live_name = ?, "
				+ "search_text = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL AND head_version_id ";
		IntConsumer moved = count -> {
			if (count != 1) {
				throw new IllegalStateException("head of prompt " + id + " moved during a locked write");
			}
		};
		if (expected == null) {
			batch.update(moved, sql + "IS NULL", next, number, name, name, name, searchText, utc(now), id);
		}
		else {
			batch.update(moved, sql + "= ?", next, number, name, name, name, searchText, utc(now), id, expected);
		}
	}

	boolean markDeleted(UUID id, String by, Instant now) {
		return this.jdbc
			.sql("UPDATE prompt SET deleted_at = :now, deleted_by = :by, live_name = NULL, name_key = NULL "
					+ "WHERE id = :id AND deleted_at IS NULL")
			.param("now", utc(now))
			.param("by", by)
			.param("id", id)
			.update() == 1;
	}

	/** Whether another live prompt has this name, in any case. */
	boolean nameTaken(String name, UUID except) {
		// two probes of their own indexes: as one condition joined by OR, a plan cached
		// while the table was small scanned it at every create and rename
		return Boolean.TRUE.equals(this.jdbc.sql("""
				SELECT (EXISTS (SELECT 1 FROM prompt WHERE name_key = LOWER(:name) AND id <> :except)
				     OR EXISTS (SELECT 1 FROM prompt WHERE live_name = :name AND id <> :except))""")
			.param("name", name)
			.param("except", except == null ? new UUID(0, 0) : except)
			.query(Boolean.class)
			.single());
	}

	boolean isLive(UUID id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM prompt WHERE id = :id AND deleted_at IS NULL")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	Optional<PromptView> find(UUID id) {
		return this.jdbc.sql(VIEW + FROM_LIVE + " AND p.id = :id")
			.param("id", id)
			.query((rs, n) -> map(rs))
			.optional()
			.map(view -> new PromptView(view.id(), view.createdAt(), view.createdBy(), view.updatedAt(),
					this.versions.withBody(view.latest()), List.of(), Map.of()))
			.map(view -> withMetadata(view, metadata(id)));
	}

	/** A prompt's tags and labels, read together. */
	record Metadata(List<String> tags, Map<UUID, List<String>> labels) {
	}

	/**
	 * A live prompt's tags (sorted) and labels (by the version they point at, each list
	 * sorted), in one round trip: every write reads them for its answer.
	 */
	Metadata metadata(UUID id) {
		MetadataRows metadata = new MetadataRows();
		this.jdbc.sql(METADATA).params(id, id).query(metadata::add).list();
		return metadata.get();
	}

	/** Tags and labels gathered from the rows of {@link #METADATA}. */
	private static final class MetadataRows {

		private final List<String> tags = new ArrayList<>();

		private final Map<UUID, List<String>> labels = new HashMap<>();

		Void add(ResultSet rs, int row) throws SQLException {
			UUID version = rs.getObject("version_id", UUID.class);
			if (version == null) {
				this.tags.add(rs.getString("name"));
			}
			else {
				this.labels.computeIfAbsent(version, key -> new ArrayList<>()).add(rs.getString("name"));
			}
			return null;
		}

		Metadata get() {
			return new Metadata(this.tags, this.labels);
		}

	}

	private static PromptView withMetadata(PromptView view, Metadata metadata) {
		return new PromptView(view.id(), view.createdAt(), view.createdBy(), view.updatedAt(), view.latest(),
				metadata.tags(), metadata.labels());
	}

	/**
	 * The labels of some prompts by the version they point at, each list sorted. The
	 * labels' table is the label feature's; reading it here puts them on every prompt and
	 * version object.
	 */
	private Map<UUID, Map<UUID, List<String>>> labels(Collection<UUID> ids) {
		Map<UUID, Map<UUID, List<String>>> labels = new HashMap<>();
		if (ids.isEmpty()) {
			return labels;
		}
		this.jdbc.sql("SELECT prompt_id, version_id, name FROM prompt_label WHERE prompt_id IN (:ids) ORDER BY name")
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> labels.computeIfAbsent(rs.getObject("prompt_id", UUID.class), id -> new HashMap<>())
				.computeIfAbsent(rs.getObject("version_id", UUID.class), id -> new ArrayList<>())
				.add(rs.getString("name")))
			.list();
		return labels;
	}

	/** The tags of some prompts, sorted, by prompt (none: absent). */
	private Map<UUID, List<String>> tags(Collection<UUID> ids) {
		Map<UUID, List<String>> tags = new HashMap<>();
		if (ids.isEmpty()) {
			return tags;
		}
		this.jdbc.sql("SELECT prompt_id, tag FROM prompt_tag WHERE prompt_id IN (:ids) ORDER BY tag")
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> tags.computeIfAbsent(rs.getObject("prompt_id", UUID.class), id -> new ArrayList<>())
				.add(rs.getString("tag")))
			.list();
		return tags;
	}

	/** Replaces a prompt's tags. */
	void setTags(UUID id, List<String> tags) {
		this.jdbc.sql("DELETE FROM prompt_tag WHERE prompt_id = :id").param("id", id).update();
		for (String tag : tags) {
			this.jdbc.sql("INSERT INTO prompt_tag (prompt_id, tag) VALUES (:id, :tag)")
				.param("id", id)
				.param("tag", tag)
				.update();
		}
	}

	/** The id of the live prompt with this name. */
	Optional<UUID> idByName(String name) {
		return this.jdbc.sql("SELECT id FROM prompt WHERE live_name = :name")
			.param("name", name)
			.query(UUID.class)
			.optional();
	}

	/**
	 * A page of the live prompts the query selects, in its order, after {@code position}
	 * (as {@link PromptQuery.Sort#position} gives it) when given.
	 */
	List<PromptView> page(PromptQuery query, String position, int limit) {
		// with a tag, its rows (which carry their prompt's sort keys, V10) give the order
		boolean byTag = !query.tags().isEmpty();
		String order = byTag ? "t" : "p";
		String id = byTag ? "t.prompt_id" : "p.id";
		StringBuilder sql = new StringBuilder(VIEW).append(byTag ? FROM_TAG : FROM_LIVE);
		if (query.q() != null) {
			sql.append(" AND p.search_text LIKE :pattern ESCAPE '\\'");
		}
		for (int i = 1; i < query.tags().size(); i++) {
			sql.append(" AND EXISTS (SELECT 1 FROM prompt_tag o WHERE o.prompt_id = p.id AND o.tag = :tag")
				.append(i)
				.append(")");
		}
		String column = switch (query.sort()) {
			case UPDATED_AT -> order + ".updated_at";
			case CREATED_AT -> order + ".created_at";
			case NAME -> order + ".live_name";
		};
		TimeKey after = position == null || query.sort() == PromptQuery.Sort.NAME ? null : TimeKey.parse(position);
		if (after != null) {
			sql.append(" AND (" + column + " < :at OR (" + column + " = :at AND " + id + " < :afterId))");
		}
		else if (position != null) {
			sql.append(" AND " + column + " > :afterName");
		}
		sql.append(query.sort() == PromptQuery.Sort.NAME ? " ORDER BY " + column + " ASC"
				: " ORDER BY " + column + " DESC, " + id + " DESC");
		sql.append(" LIMIT :limit");
		var statement = this.jdbc.sql(sql.toString()).param("limit", limit);
		if (query.q() != null) {
			statement = statement.param("pattern",
					"%" + likeEscape(query.q().toLowerCase(java.util.Locale.ROOT)) + "%");
		}
		for (int i = 0; i < query.tags().size(); i++) {
			statement = statement.param("tag" + i, query.tags().get(i));
		}
		if (after != null) {
			statement = statement.param("at", utc(after.at())).param("afterId", UUID.fromString(after.key()));
		}
		else if (position != null) {
			statement = statement.param("afterName", position);
		}
		List<PromptView> views = statement.query((rs, n) -> map(rs)).list();
		List<UUID> ids = views.stream().map(PromptView::id).toList();
		Map<UUID, List<String>> tags = tags(ids);
		Map<UUID, Map<UUID, List<String>>> labels = labels(ids);
		return views.stream()
			.map(view -> new PromptView(view.id(), view.createdAt(), view.createdBy(), view.updatedAt(), view.latest(),
					tags.getOrDefault(view.id(), List.of()), labels.getOrDefault(view.id(), Map.of())))
			.toList();
	}

	private static String likeEscape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static PromptView map(ResultSet rs) throws SQLException {
		Version latest = VersionStore.map(rs, false);
		return new PromptView(latest.promptId(), instant(rs, "prompt_created_at"), rs.getString("prompt_created_by"),
				instant(rs, "prompt_updated_at"), latest, List.of(), Map.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
