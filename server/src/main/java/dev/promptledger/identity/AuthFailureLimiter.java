package dev.promptledger.identity;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts failed authentications per key (a client address, a username) in a fixed window
 * that starts at the first failure; past the limit, that key is refused until the window
 * ends. One limiter serves the API and the web login, so an address that guesses on one
 * is slowed on the other too. API tokens that are valid are never refused (they are
 * 256-bit random: nobody guesses one, and an address shared with a hammering client must
 * keep working); passwords are, as a password can be guessed.
 */
public class AuthFailureLimiter {

	private final int limit;

	private final Duration window;

	private final Cache<String, AtomicInteger> failures;

	AuthFailureLimiter(int limit, Duration window) {
		this.limit = limit;
		this.window = window;
		this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
	}

	static String address(String remoteAddress) {
		return "address " + remoteAddress;
	}

	static String user(String username) {
		return "user " + username.toLowerCase(java.util.Locale.ROOT);
	}

	boolean blocked(String key) {
		AtomicInteger count = this.failures.getIfPresent(key);
		return count != null && count.get() >= this.limit;
	}

	void recordFailure(String key) {
		this.failures.get(key, k -> new AtomicInteger()).incrementAndGet();
	}

	long retryAfterSeconds() {
		return Math.max(1, this.window.toSeconds());
	}

}
