package dev.promptledger.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client's watch streams ({@code GET /prompts/watch}): one per label for up to 100
 * names, reopened with the new list when a name is added, and after a lost connection
 * (waiting 1 s, doubling to 30 s). Events are handed to {@link Sink}, on the HTTP
 * client's threads: it must only flag and schedule.
 */
final class Watcher implements AutoCloseable {

	private static final Logger log = Logger.getLogger(Watcher.class.getName());

	/** The most names the server takes in one stream. */
	static final int NAMES_PER_STREAM = 100;

	/** Where the events go. */
	interface Sink {

		/** What a name at a label resolves to now; {@code versionId} null for nothing. */
		void resolved(String name, String label, UUID versionId);

		/** The stream of these names is no longer (or not yet) following them. */
		void uncovered(String label, Set<String> names);

	}

	/** One stream: its label, its names, its connection. */
	private final class Stream {

		final String label;

		final Set<String> names = new LinkedHashSet<>();

		volatile CompletableFuture<HttpResponse<Void>> connection;

		volatile Flow.Subscription subscription;

		volatile long generation;

		volatile long backoffMillis = 1000;

		boolean restartScheduled;

		Stream(String label) {
			this.label = label;
		}

	}

	private final Transport transport;

	private final Sink sink;

	private final ScheduledExecutorService scheduler;

	private final Map<String, List<Stream>> byLabel = new LinkedHashMap<>();

	private volatile boolean closed;

	Watcher(Transport transport, Sink sink, ScheduledExecutorService scheduler) {
		this.transport = transport;
		this.sink = sink;
		this.scheduler = scheduler;
	}

	/** Follows {@code name} at {@code label} (null: the latest version) from now on. */
	synchronized void watch(String name, String label) {
		String wire = label == null ? "latest" : label;
		List<Stream> streams = this.byLabel.computeIfAbsent(wire, l -> new ArrayList<>());
		for (Stream stream : streams) {
			if (stream.names.contains(name)) {
				return;
			}
		}
		Stream target = streams.stream()
			.filter(stream -> stream.names.size() < NAMES_PER_STREAM)
			.findFirst()
			.orElse(null);
		if (target == null) {
			target = new Stream(wire);
			streams.add(target);
		}
		target.names.add(name);
		scheduleRestart(target, 20);
	}

	private synchronized void scheduleRestart(Stream stream, long delayMillis) {
		if (stream.restartScheduled || this.closed) {
			return;
		}
		stream.restartScheduled = true;
		this.scheduler.schedule(() -> restart(stream), delayMillis, TimeUnit.MILLISECONDS);
	}

	private void restart(Stream stream) {
		Set<String> names;
		long generation;
		synchronized (this) {
			stream.restartScheduled = false;
			if (this.closed) {
				return;
			}
			names = new LinkedHashSet<>(stream.names);
			generation = ++stream.generation;
		}
		disconnect(stream);
		this.sink.uncovered(keyLabel(stream.label), names);
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("name", new ArrayList<>(names));
		query.put("label", stream.label);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.transport.base() + "/prompts/watch" + Transport.query(query)))
			.header("Authorization", this.transport.authorization())
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		Lines lines = new Lines(stream, generation);
		stream.connection = this.transport.http().sendAsync(request, info -> {
			if (info.statusCode() != 200) {
				log.log(Level.WARNING, "promptledger watch stream refused ({0}); reading with revalidation instead",
						info.statusCode());
				return HttpResponse.BodySubscribers.replacing(null);
			}
			return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
		});
		stream.connection.whenComplete((response, error) -> ended(stream, generation));
	}

	/**
	 * A stream that ended (the server closed it, the network failed): reconnect later.
	 */
	private void ended(Stream stream, long generation) {
		if (this.closed || stream.generation != generation) {
			return;
		}
		Set<String> names;
		synchronized (this) {
			names = new LinkedHashSet<>(stream.names);
		}
		this.sink.uncovered(keyLabel(stream.label), names);
		long wait = stream.backoffMillis;
		stream.backoffMillis = Math.min(30_000, wait * 2);
		scheduleRestart(stream, wait);
	}

	private void disconnect(Stream stream) {
		Flow.Subscription subscription = stream.subscription;
		if (subscription != null) {
			subscription.cancel();
		}
		CompletableFuture<HttpResponse<Void>> connection = stream.connection;
		if (connection != null) {
			connection.cancel(true);
		}
	}

	/** Whether any stream is open: for {@link PromptLedger#watching()}. */
	synchronized boolean connected() {
		return this.byLabel.values()
			.stream()
			.flatMap(List::stream)
			.anyMatch(stream -> stream.connection != null && !stream.connection.isDone());
	}

	@Override
	public void close() {
		List<Stream> all = new ArrayList<>();
		synchronized (this) {
			this.closed = true;
			this.byLabel.values().forEach(all::addAll);
		}
		all.forEach(this::disconnect);
	}

	/** The lines of one connection, turned into events. */
	private final class Lines implements Flow.Subscriber<String> {

		private final Stream stream;

		private final long generation;

		private String event;

		private StringBuilder data;

		Lines(Stream stream, long generation) {
			this.stream = stream;
			this.generation = generation;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.stream.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			if (this.stream.generation != this.generation) {
				return;
			}
			if (line.isEmpty()) {
				dispatch();
			}
			else if (line.startsWith("event:")) {
				this.event = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				this.data = this.data == null ? new StringBuilder() : this.data.append('\n');
				this.data.append(line.substring(5).trim());
			}
		}

		private void dispatch() {
			String name = this.event;
			String text = this.data == null ? null : this.data.toString();
			this.event = null;
			this.data = null;
			if (name == null) {
				return;
			}
			this.stream.backoffMillis = 1000;
			switch (name) {
				case "prompt" -> {
					try {
						JsonNode data = Transport.JSON.readTree(text);
						JsonNode version = data.get("version_id");
						UUID versionId = version == null || version.isNull() ? null : UUID.fromString(version.asText());
						Watcher.this.sink.resolved(data.get("name").asText(), keyLabel(this.stream.label), versionId);
					}
					catch (Exception ex) {
						log.log(Level.FINE, "unreadable watch event", ex);
					}
				}
				case "reset" -> {
					Set<String> names;
					synchronized (Watcher.this) {
						names = new LinkedHashSet<>(this.stream.names);
					}
					Watcher.this.sink.uncovered(keyLabel(this.stream.label), names);
				}
				default -> {
					// end: the connection closes next and is reopened after the wait
				}
			}
		}

		@Override
		public void onError(Throwable error) {
		}

		@Override
		public void onComplete() {
		}

	}

	/**
	 * The label of a stream as the client's keys name it: null for the latest version.
	 */
	private static String keyLabel(String wire) {
		return "latest".equals(wire) ? null : wire;
	}

}
