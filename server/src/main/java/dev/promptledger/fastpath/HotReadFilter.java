package dev.promptledger.fastpath;

import java.io.IOException;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.promptledger.cache.Coherence;
import dev.promptledger.cache.CoherentCache;
import dev.promptledger.http.ApiHeaders;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Credentials;
import dev.promptledger.identity.Role;
import dev.promptledger.prompt.Fetch;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.version.PromptView;

/**
 * The application fetch without the framework, a shell over the parts the full path uses:
 * {@link Fetch} parses the request and decides the answer, {@link Credentials} knows the
 * caller, {@link Role#TO_READ} is the permission, {@link ApiHeaders} the headers. It
 * answers only when the caller's token and the prompt are both in memory; anything else
 * (a miss, another parameter, {@code Cache-Control: no-cache}, an unknown token) goes on
 * to the full stack, which authenticates, authorizes, reads and fills the caches. What it
 * adds is one cache of serialized answers.
 */
class HotReadFilter extends OncePerRequestFilter {

	private record Key(UUID promptId, UUID shownVersionId) {
	}

	private record Answer(byte[] body, String etag) {
	}

	private final Credentials credentials;

	private final PromptReads reads;

	private final JsonMapper json;

	private final Coherence coherence;

	private final CoherentCache<Key, Answer> answers;

	private final FastPathTimers timers;

	HotReadFilter(Credentials credentials, PromptReads reads, JsonMapper json, Coherence coherence, long maxBytes,
			FastPathTimers timers) {
		this.timers = timers;
		this.credentials = credentials;
		this.reads = reads;
		this.json = json;
		this.coherence = coherence;
		this.answers = coherence.promptCache("fast_path_answers",
				Caffeine.newBuilder()
					.maximumWeight(maxBytes)
					.weigher((Key key, Answer answer) -> answer.body().length + 256),
				(Key key, Answer answer) -> key.promptId());
	}

	/**
	 * Publishes the cache of ready answers to {@code /metrics} as
	 * {@code fast_path_answers}.
	 */
	void bindTo(MeterRegistry registry) {
		this.answers.bindTo(registry);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Fetch fetch = Fetch.of(request);
		PromptView view = fetch == null || !mayRead(request) ? null : fetch.peek(this.reads);
		if (view == null) {
			chain.doFilter(request, response);
			return;
		}
		Answer answer = answer(view);
		ApiHeaders.write(response);
		response.setHeader(HttpHeaders.ETAG, answer.etag());
		response.setHeader(HttpHeaders.CACHE_CONTROL, Fetch.CACHE_CONTROL);
		if (fetch.notModified(view)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			this.timers.record(fetch.isLookup(), HttpServletResponse.SC_NOT_MODIFIED, start);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
		this.timers.record(fetch.isLookup(), HttpServletResponse.SC_OK, start);
	}

	/** Whether the caller is known, without the database, and may read prompts. */
	private boolean mayRead(HttpServletRequest request) {
		Actor actor = this.credentials.peek(request.getHeader(HttpHeaders.AUTHORIZATION));
		return actor != null && actor.role().atLeast(Role.TO_READ);
	}

	/**
	 * The answer's bytes, serialized once per version shown and kept until it changes.
	 */
	private Answer answer(PromptView view) {
		Key key = new Key(view.id(), view.shown().id());
		Answer answer = this.answers.peek(key);
		if (answer == null) {
			long generation = this.coherence.epoch();
			answer = new Answer(this.json.writeValueAsBytes(Fetch.body(view)), Fetch.etag(view));
			this.answers.put(key, answer, generation);
		}
		return answer;
	}

}
