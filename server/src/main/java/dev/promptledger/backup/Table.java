package dev.promptledger.backup;

import java.util.List;

/**
 * The tables a backup holds, in an order that satisfies every foreign key when restored,
 * each with the order of its rows and the columns restored only after every row is in:
 * those that point along a cycle ({@code prompt.head_version_id}) or within their own
 * table in any order ({@code content_blob.base}). The schema's history and its
 * compatibility row are not data: a restore recreates them by migrating.
 */
enum Table {

	APP_USER("app_user", "username"), SERVER_SECRET("server_secret", "name"), API_TOKEN("api_token", "id"),
	CONTENT_DICTIONARY("content_dictionary", "id", null, 5), CONTENT_BLOB("content_blob", "hash", "base"),
	PROMPT("prompt", "id", "head_version_id"), PROMPT_TAG("prompt_tag", "prompt_id, tag", null, 3),
	PROMPT_VERSION("prompt_version", "prompt_id, number"), PROMPT_LABEL("prompt_label", "prompt_id, name"),
	LABEL_EVENT("label_event", "seq"), AUDIT_ENTRY("audit_entry", "seq"),
	LABEL_POLICY("label_policy", "label", null, 4), CHANGE_REQUEST("change_request", "seq", null, 4),
	CHANGE_REQUEST_APPROVAL("change_request_approval", "change_request_id, approver", null, 4),
	WEBHOOK("webhook", "id", null, 4), WEBHOOK_EVENT("webhook_event", "seq", null, 4),
	WEBHOOK_DELIVERY("webhook_delivery", "webhook_id, event_seq", null, 4);

	/** The tables whose {@code seq} identity a restore moves past the restored rows. */
	static final List<Table> WITH_SEQUENCE = List.of(LABEL_EVENT, AUDIT_ENTRY, CHANGE_REQUEST, WEBHOOK_EVENT);

	/**
	 * Tables of the schema that are not data of their own, and the legacy table an
	 * adoption leaves.
	 */
	static final List<String> NOT_BACKED_UP = List.of("flyway_schema_history", "schema_compatibility", "prompts");

	/**
	 * Columns that are not data: the PostgreSQL transaction that wrote an audit entry
	 * (migration V11), which means nothing in another database.
	 */
	private static final java.util.Set<String> NOT_DATA = java.util.Set.of("audit_entry.tx");

	/** Whether a backup holds this column of this table. */
	boolean holds(String column) {
		return !NOT_DATA.contains(this.sqlName + "." + column);
	}

	private final String sqlName;

	private final String order;

	private final String deferred;

	/** The first backup format with this table (older releases had no such table). */
	private final int sinceFormat;

	Table(String sqlName, String order) {
		this(sqlName, order, null);
	}

	Table(String sqlName, String order, String deferred) {
		this(sqlName, order, deferred, 1);
	}

	Table(String sqlName, String order, String deferred, int sinceFormat) {
		this.sqlName = sqlName;
		this.order = order;
		this.deferred = deferred;
		this.sinceFormat = sinceFormat;
	}

	/** The tables a backup of this format version holds, in their order. */
	static Table[] inFormat(int formatVersion) {
		return java.util.Arrays.stream(values())
			.filter(table -> table.sinceFormat <= formatVersion)
			.toArray(Table[]::new);
	}

	String sqlName() {
		return this.sqlName;
	}

	String order() {
		return this.order;
	}

	/** The column restored after every row is in, or null. */
	String deferred() {
		return this.deferred;
	}

	/** The first column of the primary key, which the deferred update finds rows by. */
	String key() {
		return this.order.split(",")[0].trim();
	}

	static Table of(String sqlName) {
		for (Table table : values()) {
			if (table.sqlName.equals(sqlName)) {
				return table;
			}
		}
		throw new IllegalArgumentException("a backup of table " + sqlName + ", which this release does not know");
	}

}
