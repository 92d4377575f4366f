package dev.promptledger.http;

/**
 * The {@code limit} and {@code cursor} query parameters of a list, validated.
 * {@code position} is what the cursor encodes, or null for the first page.
 */
public record PageRequest(int limit, String position) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 200;

	/**
	 * @param scope what the cursor is for (a list and its owner), so a cursor of one list
	 * is refused by another
	 */
	public static PageRequest of(String limit, String cursor, Cursors cursors, String scope) {
		return new PageRequest(parseLimit(limit),
				cursor == null || cursor.isEmpty() ? null : cursors.decode(scope, cursor));
	}

	private static int parseLimit(String limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (limit.length() > 3 || !limit.chars().allMatch(c -> c >= '0' && c <= '9') || limit.isEmpty()) {
			throw ApiException.invalidParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
		}
		int value = Integer.parseInt(limit);
		if (value < 1 || value > MAX_LIMIT) {
			throw ApiException.invalidParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
		}
		return value;
	}

}
