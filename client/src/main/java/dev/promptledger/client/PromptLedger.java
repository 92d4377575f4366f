package dev.promptledger.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A promptledger client: fetches prompts by name at a label, the latest version or a
 * version number, and keeps what it read in memory.
 * <p>
 * A cached prompt is served without a request while it is known to be current: for
 * {@link Builder#cacheTtl(Duration)} after it was read or revalidated, or, with
 * {@link Builder#watch(boolean)}, for as long as the watch stream follows its name (a
 * label move, a new version or a delete reaches the client within milliseconds and the
 * prompt is read again). Otherwise the next {@code get} revalidates it with
 * {@code If-None-Match} (a 304 costs no body). When the server cannot be reached (or
 * answers 5xx), the last value read is served with {@link Prompt#stale()} set and a
 * warning logged; the very first fetch of a name can fall back to a prompt the caller
 * gives. Versions by number never change and are kept without revalidation.
 * <p>
 * Thread-safe; one instance per application. {@link #close()} ends its watch streams.
 */
public final class PromptLedger implements AutoCloseable {

	private static final Logger log = Logger.getLogger(PromptLedger.class.getName());

	/** What is cached: a name at a label (null: latest) or at a version number. */
	private record Key(String name, String label, int number) {

		String path() {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("name", this.name);
			query.put("label", this.label);
			query.put("version", this.number > 0 ? this.number : null);
			return "/prompts/lookup" + Transport.query(query);
		}

		boolean immutable() {
			return this.number > 0;
		}

	}

	/** A cached read: the prompt, its ETag, when it was last known current. */
	private static final class Entry {

		final Prompt prompt;

		final String etag;

		volatile long checkedNanos;

		/** The watch stream says it moved on. */
		volatile boolean invalidated;

		/** The watch stream follows it (and has confirmed it since it last connected). */
		volatile boolean watched;

		Entry(Prompt prompt, String etag, long checkedNanos) {
			this.prompt = prompt;
			this.etag = etag;
			this.checkedNanos = checkedNanos;
		}

	}

	private final Transport transport;

	private final long ttlNanos;

	private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

	private final ScheduledExecutorService background;

	private final Watcher watcher;

	private final AtomicBoolean warnedUnreachable = new AtomicBoolean();

	private PromptLedger(Builder builder) {
		this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "promptledger-client");
			thread.setDaemon(true);
			return thread;
		});
		HttpClient http = builder.http != null ? builder.http
				: HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(builder.timeout)
					.executor(Executors.newCachedThreadPool(runnable -> {
						Thread thread = new Thread(runnable, "promptledger-client-http");
						thread.setDaemon(true);
						return thread;
					}))
					.build();
		this.transport = new Transport(http, builder.baseUrl, builder.token, builder.timeout);
		this.ttlNanos = builder.cacheTtl.toNanos();
		this.watcher = builder.watch ? new Watcher(this.transport, new WatchSink(), this.background) : null;
	}

	/** A client of the server at {@code baseUrl} with an API token. */
	public static Builder builder(String baseUrl, String token) {
		return new Builder(baseUrl, token);
	}

	/** The latest version of the live prompt {@code name}. */
	public Prompt get(String name) {
		return get(new Key(name, null, 0), null);
	}

	/** The version {@code label} points at ({@code "latest"} or null: the latest). */
	public Prompt get(String name, String label) {
		return get(new Key(name, normalize(label), 0), null);
	}

	/**
	 * The same, or {@code fallback} when nothing was read of it yet and the server cannot
	 * be reached ({@link Prompt#fallback()} is set on it).
	 */
	public Prompt get(String name, String label, Prompt fallback) {
		return get(new Key(name, normalize(label), 0), Objects.requireNonNull(fallback, "fallback"));
	}

	/** Version {@code number} of the prompt {@code name}. */
	public Prompt getVersion(String name, int number) {
		if (number < 1) {
			throw new IllegalArgumentException("version numbers start at 1");
		}
		return get(new Key(name, null, number), null);
	}

	/**
	 * Renders on the server ({@code POST /prompts/lookup/render}) the version
	 * {@code label} points at (null: the latest).
	 */
	public Rendered render(String name, String label, Map<String, String> variables) {
		return render(name, label, variables, Map.of());
	}

	/** The same, each placeholder of a chat replaced by the messages given for it. */
	public Rendered render(String name, String label, Map<String, String> variables,
			Map<String, List<Message>> placeholders) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("variables", variables);
		if (!placeholders.isEmpty()) {
			Map<String, Object> lists = new LinkedHashMap<>();
			placeholders.forEach((placeholder, messages) -> lists.put(placeholder, Transport.messagesJson(messages)));
			body.put("placeholders", lists);
		}
		if (normalize(label) != null) {
			body.put("label", label);
		}
		Transport.Answer answer = Transport.require(
				this.transport.send("POST", "/prompts/lookup/render" + Transport.query(Map.of("name", name)), body));
		var json = answer.body();
		return new Rendered(json.hasNonNull("content") ? json.get("content").asText() : null,
				json.hasNonNull("messages") ? Transport.messages(json.get("messages")) : null,
				Transport.strings(json.get("variables_used")), Transport.strings(json.get("variables_unused")),
				json.get("version").asInt());
	}

	/** Whether a watch stream is connected now (false without {@link Builder#watch}). */
	public boolean watching() {
		return this.watcher != null && this.watcher.connected();
	}

	@Override
	public void close() {
		if (this.watcher != null) {
			this.watcher.close();
		}
		this.background.shutdownNow();
	}

	private static String normalize(String label) {
		return label == null || label.isEmpty() || label.equals("latest") ? null : label;
	}

	private Prompt get(Key key, Prompt fallback) {
		Entry entry = this.cache.get(key);
		if (entry != null && current(key, entry)) {
			return entry.prompt;
		}
		return load(key, entry, fallback);
	}

	private boolean current(Key key, Entry entry) {
		if (key.immutable()) {
			return true;
		}
		return !entry.invalidated && (entry.watched || System.nanoTime() - entry.checkedNanos < this.ttlNanos);
	}

	/**
	 * Reads (or revalidates) {@code key}; the last value, stale, when the server is away.
	 */
	private Prompt load(Key key, Entry old, Prompt fallback) {
		long started = System.nanoTime();
		Transport.Answer answer;
		try {
			answer = this.transport.get(key.path(), old == null ? null : old.etag, false);
		}
		catch (PromptLedgerException ex) {
			return unreachable(key, old, fallback, ex);
		}
		if (answer.status() == 304 && old != null) {
			old.checkedNanos = started;
			old.invalidated = false;
			this.warnedUnreachable.set(false);
			return old.prompt;
		}
		if (answer.ok()) {
			this.warnedUnreachable.set(false);
			Entry fresh = new Entry(Transport.prompt(answer), answer.etag(), started);
			Entry previous = this.cache.put(key, fresh);
			if (this.watcher != null && !key.immutable()) {
				if (previous != null && previous.watched) {
					fresh.watched = true;
				}
				else {
					this.watcher.watch(key.name(), key.label());
				}
			}
			return fresh.prompt;
		}
		if (answer.status() >= 500 || answer.status() == 429) {
			return unreachable(key, old, fallback, Transport.problem(answer));
		}
		if (answer.status() == 404) {
			this.cache.remove(key);
		}
		throw Transport.problem(answer);
	}

	private Prompt unreachable(Key key, Entry old, Prompt fallback, PromptLedgerException ex) {
		if (old != null) {
			if (this.warnedUnreachable.compareAndSet(false, true)) {
				log.log(Level.WARNING, "promptledger cannot be reached ({0}); serving the prompts last read",
						ex.getMessage());
			}
			return old.prompt.asStale();
		}
		if (fallback != null) {
			log.log(Level.WARNING, "promptledger cannot be reached ({0}); serving the fallback of {1}",
					new Object[] { ex.getMessage(), key.name() });
			return fallback.fallback() ? fallback
					: new Prompt(fallback.id(), fallback.name(), fallback.type(), fallback.description(),
							fallback.number(), fallback.versionId(), fallback.content(), fallback.messages(),
							fallback.config(), fallback.tags(), fallback.labels(), false, true);
		}
		throw ex;
	}

	/** What the watch stream says, applied to the cache. */
	private final class WatchSink implements Watcher.Sink {

		@Override
		public void resolved(String name, String label, UUID versionId) {
			Key key = new Key(name, label, 0);
			Entry entry = PromptLedger.this.cache.get(key);
			if (entry == null) {
				return;
			}
			if (Objects.equals(entry.prompt.versionId(), versionId)) {
				entry.watched = true;
				return;
			}
			entry.invalidated = true;
			entry.watched = false;
			// read it at once, so that the next get is served from memory again
			PromptLedger.this.background.execute(() -> {
				try {
					Entry current = PromptLedger.this.cache.get(key);
					if (current != null && current.invalidated) {
						load(key, current, null);
						Entry reloaded = PromptLedger.this.cache.get(key);
						if (reloaded != null) {
							reloaded.watched = true;
						}
					}
				}
				catch (PromptLedgerException ex) {
					// the next get reads it, or reports why it cannot
				}
			});
		}

		@Override
		public void uncovered(String label, Set<String> names) {
			for (String name : names) {
				Entry entry = PromptLedger.this.cache.get(new Key(name, label, 0));
				if (entry != null) {
					entry.watched = false;
				}
			}
		}

	}

	/** How to build a {@link PromptLedger}. */
	public static final class Builder {

		private final String baseUrl;

		private final String token;

		private Duration cacheTtl = Duration.ofSeconds(60);

		private Duration timeout = Duration.ofSeconds(5);

		private boolean watch;

		private HttpClient http;

		private Builder(String baseUrl, String token) {
			this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
			this.token = Objects.requireNonNull(token, "token");
		}

		/**
		 * How long a prompt read is served without asking the server again, when the
		 * watch stream does not follow it (default 60 s; zero revalidates at every get).
		 */
		public Builder cacheTtl(Duration ttl) {
			if (ttl.isNegative()) {
				throw new IllegalArgumentException("a TTL is zero or more");
			}
			this.cacheTtl = ttl;
			return this;
		}

		/** How long a request may take (default 5 s). */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Follow the names read through the server's watch stream, so that a change is
		 * served within milliseconds rather than after the TTL (default off).
		 */
		public Builder watch(boolean watch) {
			this.watch = watch;
			return this;
		}

		/** The HTTP client to use (default: one of its own, HTTP/1.1). */
		public Builder httpClient(HttpClient http) {
			this.http = http;
			return this;
		}

		public PromptLedger build() {
			return new PromptLedger(this);
		}

	}

}
