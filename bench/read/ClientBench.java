import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.promptledger.client.Prompt;
import dev.promptledger.client.PromptLedger;

/**
 * The Java client's read path, run by bench/read/watch.py with the client jar on the class
 * path: {@code java -cp client/target/promptledger-client.jar bench/read/ClientBench.java
 * MOVE_BASE READ_BASE TOKEN NAME PROMPT_ID}.
 * <p>
 * Hot get: calls per second of {@code get(name, "production")} served from the client's
 * memory, against a plain HTTP GET of the same prompt per call (the baseline), same threads
 * and time. Freshness: the time from a label move (through MOVE_BASE) to the client
 * (reading from READ_BASE) serving the moved version, watched, against a client with a
 * Langfuse-style 60 s TTL.
 */
public class ClientBench {

	static final int THREADS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLIENT_THREADS", "4"));

	static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public static void main(String[] args) throws Exception {
		String moveBase = args[0];
		String readBase = args[1];
		String token = args[2];
		String name = args[3];
		String promptId = args[4];
		try (PromptLedger watched = PromptLedger.builder(readBase, token).watch(true).build();
				PromptLedger ttl = PromptLedger.builder(readBase, token).cacheTtl(Duration.ofSeconds(60)).build()) {
			int current = watched.get(name, "production").number();
			ttl.get(name, "production");
			long ttlRead = System.nanoTime();
			while (!watched.watching()) {
				Thread.sleep(10);
			}
			// both paths warmed before they are measured
			rate(() -> watched.get(name, "production"), 3);
			String lookup = readBase + "/prompts/lookup?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
					+ "&label=production";
			HttpRequest read = HttpRequest.newBuilder(URI.create(lookup)).header("Authorization", "Bearer " + token)
				.build();
			rate(() -> get(read), 3);
			double cached = rate(() -> watched.get(name, "production"), SECONDS);
			double http = rate(() -> get(read), SECONDS);
			System.out.printf("  Java client, hot get from its cache: %,.0f calls/s (%d threads); a plain HTTP GET "
					+ "per call: %,.0f calls/s; ratio %.0fx%n", cached, THREADS, http, cached / http);

			List<Long> lags = new ArrayList<>();
			for (int round = 0; round < 10; round++) {
				int target = current == 1 ? 2 : 1;
				long moved = System.nanoTime();
				move(moveBase, token, promptId, target);
				while (watched.get(name, "production").number() != target) {
					Thread.onSpinWait();
				}
				lags.add((System.nanoTime() - moved) / 1_000_000);
				current = target;
				Thread.sleep(300);
			}
			lags.sort(null);
			System.out.printf("  label move on node A -> the watched client (on node B) serves it: median %d ms, "
					+ "max %d ms over %d moves%n", lags.get(lags.size() / 2), lags.get(lags.size() - 1), lags.size());
			int target = current == 1 ? 2 : 1;
			long moved = System.nanoTime();
			move(moveBase, token, promptId, target);
			while (ttl.get(name, "production").number() != target) {
				Thread.sleep(50);
			}
			System.out.printf("  the same move, a client with a Langfuse-style 60 s TTL (its entry read %,d ms before "
					+ "the move): served after %,d ms%n", (moved - ttlRead) / 1_000_000,
					(System.nanoTime() - moved) / 1_000_000);
		}
	}

	static void move(String base, String token, String promptId, int version) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(base + "/prompts/" + promptId + "/labels/production"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}"))
			.build();
		int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200) {
			throw new IllegalStateException("the move answered " + status);
		}
	}

	static void get(HttpRequest request) {
		try {
			if (HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() != 200) {
				throw new IllegalStateException("the read failed");
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Calls per second of {@code call} on {@link #THREADS} threads for {@code seconds}. */
	static double rate(Runnable call, int seconds) throws InterruptedException {
		LongAdder calls = new LongAdder();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					call.run();
					calls.increment();
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return calls.sum() / (double) seconds;
	}

}
