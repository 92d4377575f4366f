package dev.promptledger.http;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination: a page is read with one row more than its limit, and the cursor of
 * the next page is the position of its last item.
 */
public final class Keyset {

	private Keyset() {
	}

	/**
	 * A position in a list ordered by time, then by a key: {@code "<epoch millis> <key>"}
	 * inside a cursor.
	 */
	public record TimeKey(Instant at, String key) {

		public static TimeKey of(Instant at, Object key) {
			return new TimeKey(at, key.toString());
		}

		/**
		 * The position a cursor holds (the cursor was signed by this server, so its form
		 * is known).
		 */
		public static TimeKey parse(String position) {
			if (position == null) {
				return null;
			}
			int space = position.indexOf(' ');
			return new TimeKey(Instant.ofEpochMilli(Long.parseLong(position.substring(0, space))),
					position.substring(space + 1));
		}

		@Override
		public String toString() {
			return this.at.toEpochMilli() + " " + this.key;
		}

	}

	/**
	 * The page of {@code rows} (read with a limit of {@code limit + 1}), with the cursor
	 * after its last item.
	 */
	public static <T> Page<T> page(List<T> rows, int limit, Cursors cursors, String scope,
			Function<T, Object> position) {
		if (rows.size() <= limit) {
			return new Page<>(rows, null);
		}
		List<T> items = rows.subList(0, limit);
		return new Page<>(items, cursors.encode(scope, position.apply(items.get(items.size() - 1)).toString()));
	}

}
