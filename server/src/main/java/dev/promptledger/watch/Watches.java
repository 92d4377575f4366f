package dev.promptledger.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.promptledger.cache.CacheEvent;
import dev.promptledger.cache.Coherence;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.identity.Credentials;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.Selector;
import dev.promptledger.version.PromptView;

/**
 * The open watch streams of this node and what their names resolve to.
 * <p>
 * A stream costs no thread: each is an {@link SseEmitter} on an async request. One
 * dispatcher thread does all the work, in order: it registers a stream (resolving its
 * names and sending the first events), handles each change this node hears of (resolving
 * the names it may have changed, once per name and label, and sending to the streams that
 * watch them), sends the heartbeats, and ends the streams whose token no longer reads. So
 * a stream never gets an older resolution after a newer one, and the threads that write
 * or listen only hand events over.
 */
@Component
public class Watches implements SmartLifecycle, MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(Watches.class);

	/** A watched name at a label (null: the latest version). */
	record Key(String name, String label) {

		String wireLabel() {
			return this.label == null ? "latest" : this.label;
		}

	}

	/**
	 * What a key resolves to; {@code NONE} when no live prompt has that name and label.
	 */
	record Resolution(UUID promptId, UUID versionId, Integer number) {

		static final Resolution NONE = new Resolution(null, null, null);

	}

	/** One open stream: its emitter, the credential that opened it, its keys. */
	static final class Stream {

		final SseEmitter emitter;

		final String authorization;

		final List<Key> keys;

		/** The version last sent for each key; only the dispatcher touches it. */
		final Map<Key, UUID> sent = new HashMap<>();

		final AtomicBoolean closed = new AtomicBoolean();

		Stream(SseEmitter emitter, String authorization, List<Key> keys) {
			this.emitter = emitter;
			this.authorization = authorization;
			this.keys = keys;
		}

	}

	private final PromptReads reads;

	private final Credentials credentials;

	private final WatchSettings settings;

	private final AtomicInteger open = new AtomicInteger();

	private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(
			System.nanoTime() - 2_000_000_000L);

	/** The most streams open at once. */
	private final int limit;

	private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

	// the index below is the dispatcher's alone

	private final Map<Key, Set<Stream>> byKey = new HashMap<>();

	private final Map<String, Set<Key>> keysByName = new HashMap<>();

	private final Map<Key, Resolution> resolved = new HashMap<>();

	private final Map<UUID, Set<Key>> keysByPrompt = new HashMap<>();

	/**
	 * Made at each start: a stopped context (a paused test context, too) may start again.
	 */
	private volatile ExecutorService dispatcher;

	private volatile ScheduledExecutorService clock;

	private volatile boolean running;

	Watches(PromptReads reads, Credentials credentials, WatchSettings settings, Coherence coherence) {
		this.reads = reads;
		this.credentials = credentials;
		this.settings = settings;
		this.limit = settings.limit();
		coherence.subscribe(this::changed);
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("promptledger.watch.streams", this.open, AtomicInteger::get)
			.description("Watch streams open on this node")
			.register(registry);
		Gauge.builder("promptledger.watch.streams.limit", () -> this.limit)
			.description("The most watch streams this node keeps open")
			.register(registry);
	}

	/**
	 * Opens a stream of {@code names} at {@code label} (null: the latest version), for
	 * the holder of {@code authorization}.
	 * @throws ApiException 503 when this node has as many streams open as it may
	 */
	public SseEmitter open(String authorization, List<String> names, String label) {
		if (this.open.incrementAndGet() > this.limit || !this.running) {
			this.open.decrementAndGet();
			// streams whose clients went away are found only by writing to them: look
			// now, so
			// that the retry finds their places free
			sweep();
			throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "This node has " + this.limit
					+ " watch streams open, as many as it may; retry shortly, or on another node.");
		}
		List<Key> keys = names.stream().distinct().map(name -> new Key(name, label)).toList();
		SseEmitter emitter = new SseEmitter(0L);
		Stream stream = new Stream(emitter, authorization, keys);
		emitter.onCompletion(() -> close(stream));
		emitter.onTimeout(() -> close(stream));
		emitter.onError(error -> close(stream));
		this.streams.add(stream);
		if (!submit(() -> register(stream))) {
			close(stream);
			throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "This node is stopping; retry on another node.");
		}
		return emitter;
	}

	/**
	 * How many streams open on this node follow {@code name} at {@code label} (null:
	 * latest).
	 */
	public long watching(String name, String label) {
		Key key = new Key(name, label);
		return this.streams.stream().filter(stream -> !stream.closed.get() && stream.keys.contains(key)).count();
	}

	/** How many streams are open on this node. */
	public int openStreams() {
		return this.open.get();
	}

	private void close(Stream stream) {
		if (stream.closed.compareAndSet(false, true)) {
			this.open.decrementAndGet();
			this.streams.remove(stream);
			if (this.running) {
				submit(() -> unindex(stream));
			}
		}
	}

	/** Called on the thread that applied a change: hands it to the dispatcher. */
	private void changed(CacheEvent event) {
		if (this.running && !this.streams.isEmpty()) {
			submit(() -> handle(event));
		}
	}

	/**
	 * Writes a heartbeat to every stream now and once more shortly (the first write to a
	 * closed connection may still succeed; the second fails), at most once a second.
	 */
	private void sweep() {
		long now = System.nanoTime();
		long last = this.lastSweep.get();
		ScheduledExecutorService timer = this.clock;
		if (now - last < 1_000_000_000L || !this.lastSweep.compareAndSet(last, now) || timer == null) {
			return;
		}
		submit(this::heartbeat);
		try {
			timer.schedule(() -> submit(this::heartbeat), 200, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	/** Hands work to the dispatcher; false when it has stopped. */
	private boolean submit(Runnable work) {
		ExecutorService current = this.dispatcher;
		if (current == null) {
			return false;
		}
		try {
			current.execute(work);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	// everything below runs on the dispatcher

	private void register(Stream stream) {
		if (stream.closed.get()) {
			return;
		}
		for (Key key : stream.keys) {
			this.byKey.computeIfAbsent(key, k -> new HashSet<>()).add(stream);
			this.keysByName.computeIfAbsent(key.name(), n -> new HashSet<>()).add(key);
			Resolution resolution = this.resolved.get(key);
			if (resolution == null) {
				resolution = resolve(key);
				if (resolution == null) {
					// the database is away: the client hears a reset and re-reads
					resolution = Resolution.NONE;
					reset(stream);
				}
				remember(key, resolution);
			}
			send(stream, key, resolution);
		}
	}

	private void unindex(Stream stream) {
		for (Key key : stream.keys) {
			Set<Stream> watching = this.byKey.get(key);
			if (watching == null) {
				continue;
			}
			watching.remove(stream);
			if (watching.isEmpty()) {
				this.byKey.remove(key);
				forget(key);
				Set<Key> named = this.keysByName.get(key.name());
				if (named != null && named.remove(key) && named.isEmpty()) {
					this.keysByName.remove(key.name());
				}
			}
		}
	}

	private void handle(CacheEvent event) {
		try {
			switch (event.kind()) {
				case PROMPT -> promptChanged(event.promptId());
				case IDENTITY -> recheckCredentials();
				case ALL -> {
					for (Stream stream : List.copyOf(this.streams)) {
						reset(stream);
					}
					recheckCredentials();
					refreshAll();
				}
			}
		}
		catch (DataAccessException ex) {
			log.warn("Watch streams cannot follow a change now: the database is not answering ({}); "
					+ "they are told to re-read", ex.getClass().getSimpleName());
			for (Stream stream : List.copyOf(this.streams)) {
				reset(stream);
			}
		}
	}

	/**
	 * The keys a change of prompt {@code id} may move: those it resolved to, and those of
	 * the name it has now (it may have been created, renamed or revived).
	 */
	private void promptChanged(UUID id) {
		Set<Key> affected = new HashSet<>(this.keysByPrompt.getOrDefault(id, Set.of()));
		String name = currentName(id);
		if (name != null) {
			affected.addAll(this.keysByName.getOrDefault(name, Set.of()));
		}
		for (Key key : affected) {
			refresh(key);
		}
	}

	private void refreshAll() {
		for (Key key : List.copyOf(this.byKey.keySet())) {
			refresh(key);
		}
	}

	private void refresh(Key key) {
		Resolution resolution = resolve(key);
		if (resolution == null) {
			throw new org.springframework.dao.DataAccessResourceFailureException("the database is not answering");
		}
		remember(key, resolution);
		for (Stream stream : List.copyOf(this.byKey.getOrDefault(key, Set.of()))) {
			send(stream, key, resolution);
		}
	}

	private void remember(Key key, Resolution resolution) {
		forget(key);
		this.resolved.put(key, resolution);
		if (resolution.promptId() != null) {
			this.keysByPrompt.computeIfAbsent(resolution.promptId(), id -> new HashSet<>()).add(key);
		}
	}

	private void forget(Key key) {
		Resolution previous = this.resolved.remove(key);
		if (previous != null && previous.promptId() != null) {
			Set<Key> keys = this.keysByPrompt.get(previous.promptId());
			if (keys != null && keys.remove(key) && keys.isEmpty()) {
				this.keysByPrompt.remove(previous.promptId());
			}
		}
	}

	/** What a key resolves to now; null when the database cannot say. */
	private Resolution resolve(Key key) {
		try {
			PromptView view = this.reads.lookup(key.name(), Selector.of(key.label(), null), false);
			return new Resolution(view.id(), view.shown().id(), view.shown().number());
		}
		catch (ApiException ex) {
			if (ex.code().status().is4xxClientError()) {
				return Resolution.NONE;
			}
			return null;
		}
		catch (DataAccessException ex) {
			return null;
		}
	}

	private String currentName(UUID id) {
		try {
			return this.reads.read(id, Selector.LATEST, false).latest().name();
		}
		catch (ApiException ex) {
			return null;
		}
	}

	private void recheckCredentials() {
		Map<String, Boolean> valid = new LinkedHashMap<>();
		for (Stream stream : List.copyOf(this.streams)) {
			boolean mayRead = valid.computeIfAbsent(stream.authorization, this.credentials::mayStillRead);
			if (!mayRead) {
				end(stream, "revoked");
			}
		}
	}

	private void send(Stream stream, Key key, Resolution resolution) {
		if (stream.closed.get()
				|| (stream.sent.containsKey(key) && Objects.equals(stream.sent.get(key), resolution.versionId()))) {
			return;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("name", key.name());
		data.put("label", key.wireLabel());
		data.put("version_id", resolution.versionId());
		data.put("number", resolution.number());
		if (emit(stream, SseEmitter.event().name("prompt").data(data, MediaType.APPLICATION_JSON))) {
			stream.sent.put(key, resolution.versionId());
		}
	}

	private void reset(Stream stream) {
		stream.sent.clear();
		emit(stream, SseEmitter.event().name("reset").data("{}", MediaType.APPLICATION_JSON));
	}

	private void heartbeat() {
		for (Stream stream : List.copyOf(this.streams)) {
			emit(stream, SseEmitter.event().comment("keep-alive"));
		}
	}

	/** Ends a stream with an {@code end} event saying why. */
	private void end(Stream stream, String reason) {
		emit(stream, SseEmitter.event().name("end").data(Map.of("reason", reason), MediaType.APPLICATION_JSON));
		stream.emitter.complete();
		close(stream);
	}

	/** Sends an event; a stream whose client has gone is closed. */
	private boolean emit(Stream stream, SseEmitter.SseEventBuilder event) {
		if (stream.closed.get()) {
			return false;
		}
		try {
			stream.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			stream.emitter.completeWithError(ex);
			close(stream);
			return false;
		}
	}

	@Override
	public synchronized void start() {
		this.dispatcher = Executors.newSingleThreadExecutor(daemon("watch-dispatch"));
		this.clock = Executors.newSingleThreadScheduledExecutor(daemon("watch-clock"));
		this.running = true;
		long every = this.settings.heartbeat().toMillis();
		ExecutorService work = this.dispatcher;
		this.clock.scheduleAtFixedRate(() -> work.execute(this::heartbeat), every, every, TimeUnit.MILLISECONDS);
	}

	/** Ends every stream (an {@code end} event saying why) and the threads. */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.clock.shutdownNow();
		List<Stream> open = new ArrayList<>(this.streams);
		ExecutorService work = this.dispatcher;
		work.execute(() -> open.forEach(stream -> {
			emit(stream, SseEmitter.event().name("end").data(Map.of("reason", "shutdown"), MediaType.APPLICATION_JSON));
			stream.emitter.complete();
		}));
		work.shutdown();
		try {
			work.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		open.forEach(this::close);
		this.byKey.clear();
		this.keysByName.clear();
		this.resolved.clear();
		this.keysByPrompt.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
