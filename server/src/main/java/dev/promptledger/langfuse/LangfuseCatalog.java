package dev.promptledger.langfuse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The prompts a Langfuse list asks for, a page at a time by offset, in name order (the
 * order Langfuse's pages keep), with how many there are in all.
 */
@Repository
class LangfuseCatalog {

	private final JdbcClient jdbc;

	LangfuseCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A list's filters; each null is no filter. */
	record Filter(String name, String label, String tag, Instant fromUpdatedAt, Instant toUpdatedAt) {
	}

	/** The ids of the page's prompts, in order. */
	List<UUID> ids(Filter filter, int limit, long offset) {
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = "SELECT p.id FROM prompt p WHERE " + where(filter, params)
				+ " ORDER BY p.live_name, p.id LIMIT :limit OFFSET :offset";
		params.put("limit", limit);
		params.put("offset", offset);
		return this.jdbc.sql(sql).params(params).query(UUID.class).list();
	}

	long count(Filter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		return this.jdbc.sql("SELECT COUNT(*) FROM prompt p WHERE " + where(filter, params))
			.params(params)
			.query(Long.class)
			.single();
	}

	private static String where(Filter filter, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>(List.of("p.deleted_at IS NULL"));
		if (filter.name() != null) {
			conditions.add("p.live_name = :name");
			params.put("name", filter.name());
		}
		if (filter.label() != null) {
			conditions.add("EXISTS (SELECT 1 FROM prompt_label l WHERE l.prompt_id = p.id AND l.name = :label)");
			params.put("label", filter.label());
		}
		if (filter.tag() != null) {
			conditions.add("EXISTS (SELECT 1 FROM prompt_tag t WHERE t.prompt_id = p.id AND t.tag = :tag)");
			params.put("tag", filter.tag());
		}
		if (filter.fromUpdatedAt() != null) {
			conditions.add("p.updated_at >= :from");
			params.put("from", filter.fromUpdatedAt().atOffset(ZoneOffset.UTC));
		}
		if (filter.toUpdatedAt() != null) {
			conditions.add("p.updated_at < :to");
			params.put("to", filter.toUpdatedAt().atOffset(ZoneOffset.UTC));
		}
		return String.join(" AND ", conditions);
	}

}
