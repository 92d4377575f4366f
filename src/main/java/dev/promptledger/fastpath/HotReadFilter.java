package dev.promptledger.fastpath;

import java.io.IOException;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.promptledger.cache.CacheEvent;
import dev.promptledger.cache.Coherence;
import dev.promptledger.http.EntityTags;
import dev.promptledger.identity.Credentials;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.PromptResponse;
import dev.promptledger.version.PromptView;
import dev.promptledger.prompt.Selector;
import dev.promptledger.http.Ids;

/**
 * The application fetch path without the framework:
 * {@code GET /prompts/lookup?name=&label=} and {@code GET /prompts/{id}?label=|version=}
 * answered from memory when both the caller's token and the prompt are already cached,
 * with the same bytes and headers as the full path. Anything else (a miss, another
 * parameter, {@code Cache-Control: no-cache}, an unknown token) goes on to the full
 * stack, which authenticates, authorizes, reads and fills the caches.
 */
class HotReadFilter extends OncePerRequestFilter {

	private record Key(UUID promptId, String selector) {
	}

	private record Answer(byte[] body, String etag) {
	}

	private static final String BEARER = "bearer ";

	private final Credentials credentials;

	private final PromptReads reads;

	private final JsonMapper json;

	private final Coherence coherence;

	private final Cache<Key, Answer> answers;

	private final FastPathTimers timers;

	HotReadFilter(Credentials credentials, PromptReads reads, JsonMapper json, Coherence coherence, long maxBytes,
			FastPathTimers timers) {
		this.timers = timers;
		this.credentials = credentials;
		this.reads = reads;
		this.json = json;
		this.coherence = coherence;
		this.answers = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((Key key, Answer answer) -> answer.body().length + 256)
			.recordStats()
			.build();
		coherence.register(this::invalidate);
	}

	/**
	 * Publishes the cache of ready answers to {@code /metrics} as
	 * {@code fast_path_answers}.
	 */
	void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.answers, "fast_path_answers");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		PromptView view = null;
		try {
			view = "GET".equals(request.getMethod()) ? cachedView(request) : null;
		}
		catch (RuntimeException ex) {
			// anything unusual (an undecodable parameter, say) is the full stack's to
			// answer
		}
		if (view == null) {
			chain.doFilter(request, response);
			return;
		}
		long epoch = this.coherence.epoch();
		Key key = new Key(view.id(), view.shown().id().toString());
		Answer answer = this.answers.getIfPresent(key);
		if (answer == null) {
			answer = new Answer(this.json.writeValueAsBytes(PromptResponse.of(view, true)),
					EntityTags.of(view.shown().id()));
			if (this.coherence.epoch() == epoch) {
				this.answers.put(key, answer);
			}
		}
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader(HttpHeaders.ETAG, answer.etag());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		boolean lookup = request.getRequestURI().equals("/prompts/lookup");
		if (EntityTags.ifNoneMatchHits(request.getHeader(HttpHeaders.IF_NONE_MATCH), view.shown().id())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			this.timers.record(lookup, HttpServletResponse.SC_NOT_MODIFIED, start);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
		this.timers.record(lookup, HttpServletResponse.SC_OK, start);
	}

	/**
	 * The view the full path would answer with, if everything it needs is in memory;
	 * otherwise null.
	 */
	private PromptView cachedView(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (!path.startsWith("/prompts/") || EntityTags.freshRequested(request.getHeader(HttpHeaders.CACHE_CONTROL))) {
			return null;
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| this.credentials.peek(header.substring(BEARER.length()).trim()) == null) {
			return null;
		}
		String query = request.getQueryString();
		if (path.equals("/prompts/lookup")) {
			String name = onlyParameter(request, "name");
			String label = onlyParameter(request, "label");
			if (name == null || name.isEmpty() || !allowedParameters(query, "name", "label")) {
				return null;
			}
			return this.reads.peek(name, Selector.of(label, null));
		}
		UUID id = Ids.parse(path.substring("/prompts/".length()));
		if (id == null || !allowedParameters(query, "label", "version")) {
			return null;
		}
		String label = onlyParameter(request, "label");
		String version = onlyParameter(request, "version");
		if (label != null && !label.isEmpty() && version != null && !version.isEmpty()) {
			return null;
		}
		return this.reads.peek(id, Selector.of(label, version));
	}

	/** The parameter's single value, or null when it is absent or repeated. */
	private static String onlyParameter(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values == null || values.length != 1 ? null : values[0];
	}

	private static boolean allowedParameters(String query, String... names) {
		if (query == null) {
			return true;
		}
		for (String pair : query.split("&")) {
			String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
			boolean known = false;
			for (String allowed : names) {
				known |= allowed.equals(name);
			}
			if (!known) {
				return false;
			}
		}
		return true;
	}

	private void invalidate(CacheEvent event) {
		switch (event.kind()) {
			case PROMPT -> this.answers.asMap().keySet().removeIf(key -> key.promptId().equals(event.promptId()));
			case ALL -> this.answers.invalidateAll();
			case IDENTITY -> {
			}
		}
	}

}
