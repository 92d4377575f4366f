package dev.promptledger.http;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a list: its items and the cursor of the next page, null exactly when there
 * is none.
 */
public record Page<T>(List<T> items, @JsonProperty("next_cursor") String nextCursor) {

	public <R> Page<R> map(Function<T, R> mapper) {
		return new Page<>(this.items.stream().map(mapper).toList(), this.nextCursor);
	}

}
