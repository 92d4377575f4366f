package dev.promptledger.identity;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts failed authentications per client address in a fixed window that starts at the first failure;
 * past the limit, that address is refused until the window ends.
 */
class AuthFailureLimiter {

	private final int limit;

	private final Duration window;

	private final Cache<String, AtomicInteger> failures;

	AuthFailureLimiter(int limit, Duration window) {
		this.limit = limit;
		this.window = window;
		this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
	}

	boolean blocked(String client) {
		AtomicInteger count = this.failures.getIfPresent(client);
		return count != null && count.get() >= this.limit;
	}

	void recordFailure(String client) {
		this.failures.get(client, key -> new AtomicInteger()).incrementAndGet();
	}

	long retryAfterSeconds() {
		return Math.max(1, this.window.toSeconds());
	}

}
