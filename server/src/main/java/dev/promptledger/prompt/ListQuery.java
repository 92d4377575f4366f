package dev.promptledger.prompt;

import java.util.List;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.NameRules;
import dev.promptledger.http.TextRules;
import dev.promptledger.version.PromptQuery;

/** The query parameters of {@code GET /prompts}, checked. */
public final class ListQuery {

	/** The most tags one list may filter by. */
	static final int MAX_TAGS = 10;

	private ListQuery() {
	}

	/**
	 * @throws ApiException 400 {@code invalid_parameter} naming the parameter in trouble
	 */
	public static PromptQuery of(String q, List<String> tags, String sort) {
		if (q != null && (q.length() > PromptRequests.MAX_NAME_CHARS || TextRules.problem(q) != null)) {
			throw ApiException.invalidParameter("q",
					"must be at most " + PromptRequests.MAX_NAME_CHARS + " valid characters");
		}
		List<String> given = tags == null ? List.of() : tags;
		if (given.size() > MAX_TAGS) {
			throw ApiException.invalidParameter("tag", "at most " + MAX_TAGS + " tags");
		}
		for (String tag : given) {
			String problem = NameRules.segmentProblem(tag, BodyRules.MAX_TAG_CHARS);
			if (problem != null) {
				throw ApiException.invalidParameter("tag", problem);
			}
		}
		PromptQuery.Sort order = sort == null || sort.isEmpty() ? PromptQuery.Sort.UPDATED_AT
				: PromptQuery.Sort.fromWire(sort);
		if (order == null) {
			throw ApiException.invalidParameter("sort", "must be updated_at, created_at or name");
		}
		return new PromptQuery(q == null || q.isEmpty() ? null : q, given.stream().distinct().sorted().toList(), order);
	}

}
