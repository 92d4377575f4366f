package dev.promptledger.version;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;

/**
 * Bounds the memory that large diffs and deltas take at once. Each diff is bounded in
 * work, but one of two near-megabyte contents holds tens of MB while it is computed and
 * written out (per-line arrays, the unified text), so a dozen at once would exhaust a
 * small heap. A diff of more than {@link #SMALL} characters takes permits for its
 * characters from a fixed pool (waiting up to {@link #WAIT_SECONDS}); a diff for an
 * answer keeps them until the answer is written, others until they are computed. Past the
 * wait the request is 503 with Retry-After. Usual prompts never wait.
 */
final class DiffGate {

	/** Pairs of at most this many characters pass freely. */
	static final int SMALL = 256 * 1024;

	/**
	 * The characters of large pairs being diffed at once: about three pairs at the 1 MiB
	 * limit.
	 */
	static final int CAPACITY = 6 * 1024 * 1024;

	static final long WAIT_SECONDS = 10;

	private static final Semaphore PERMITS = new Semaphore(CAPACITY, true);

	private static final AtomicLong NAMES = new AtomicLong();

	private DiffGate() {
	}

	/** Permits held for one diff; closing returns them (once). */
	static final class Permit implements AutoCloseable {

		private int held;

		private Permit(int held) {
			this.held = held;
		}

		@Override
		public synchronized void close() {
			if (this.held > 0) {
				PERMITS.release(this.held);
				this.held = 0;
			}
		}

	}

	/**
	 * Takes permits for a pair of {@code chars} characters, waiting for them if need be.
	 */
	static Permit enter(long chars) {
		if (chars <= SMALL) {
			return new Permit(0);
		}
		int wanted = (int) Math.min(chars, CAPACITY);
		try {
			if (!PERMITS.tryAcquire(wanted, WAIT_SECONDS, TimeUnit.SECONDS)) {
				throw busy();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		return new Permit(wanted);
	}

	/**
	 * Takes permits that stay held until the current web request has been answered (its
	 * answer carries the diff); outside a request, the caller closes them.
	 */
	static Permit enterForAnswer(long chars) {
		Permit permit = enter(chars);
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && permit.held > 0) {
			request.registerDestructionCallback(DiffGate.class.getName() + NAMES.incrementAndGet(), permit::close,
					RequestAttributes.SCOPE_REQUEST);
			return new Permit(0);
		}
		return permit;
	}

	/** The permits free now (for tests and diagnostics). */
	static int available() {
		return PERMITS.availablePermits();
	}

	private static ApiException busy() {
		return new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
				"Too many large diffs are being computed at once; try again shortly.");
	}

}
