package dev.promptledger.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a server-sent event stream that costs no thread while it waits: lines
 * arrive through the HTTP client's subscriber, events are queued with the time they
 * arrived.
 */
public final class EventStream implements AutoCloseable {

	/** One event: its name, its data as JSON (null for none), when it arrived. */
	public record Event(String name, JsonNode data, long arrivedNanos) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Enough for a thousand streams at once; HTTP/1.1, each stream its connection. */
	public static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final CompletableFuture<HttpResponse<Void>> response;

	/**
	 * Completed when the answer's headers come (the response itself, when the body ends).
	 */
	private final CompletableFuture<Integer> status = new CompletableFuture<>();

	private volatile Flow.Subscription subscription;

	private volatile boolean ended;

	private EventStream(HttpRequest request) {
		this.response = CLIENT.sendAsync(request, info -> {
			this.status.complete(info.statusCode());
			return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
		});
		this.response.whenComplete((answer, error) -> {
			this.ended = true;
			if (error != null) {
				this.status.completeExceptionally(error);
			}
		});
	}

	/** Opens {@code path} of {@code base} with a bearer token. */
	public static EventStream open(String base, String path, String token) {
		return new EventStream(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.GET()
			.build());
	}

	/** The status of the answer, once its headers came. */
	public int status() {
		try {
			return this.status.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("the stream did not answer", ex);
		}
	}

	/** The next event, or null when none came within the wait. */
	public Event next(Duration wait) throws InterruptedException {
		return this.events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Whether the server ended the stream. */
	public boolean ended() {
		return this.ended;
	}

	@Override
	public void close() {
		Flow.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
		this.response.cancel(true);
	}

	private final class Lines implements Flow.Subscriber<String> {

		private String name;

		private StringBuilder data;

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			EventStream.this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			if (line.isEmpty()) {
				if (this.name != null || this.data != null) {
					JsonNode parsed = this.data == null ? null : JSON.readTree(this.data.toString());
					EventStream.this.events
						.add(new Event(this.name == null ? "message" : this.name, parsed, System.nanoTime()));
				}
				this.name = null;
				this.data = null;
			}
			else if (line.startsWith("event:")) {
				this.name = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				if (this.data == null) {
					this.data = new StringBuilder();
				}
				else {
					this.data.append('\n');
				}
				this.data.append(line.substring(5).trim());
			}
		}

		@Override
		public void onError(Throwable error) {
			EventStream.this.ended = true;
		}

		@Override
		public void onComplete() {
			EventStream.this.ended = true;
		}

	}

}
