package dev.promptledger.fastpath;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.ApiHeaders;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.Ids;
import dev.promptledger.http.RequestBodies;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Credentials;
import dev.promptledger.identity.Role;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptResponse;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.prompt.WriteResult;

/**
 * {@code PUT /prompts/{id}} without the framework, a shell over the parts the full path
 * uses: {@link Credentials} knows the caller, {@link Role#TO_WRITE} is the permission,
 * {@link PromptRequests} reads the body and {@link PromptService#replace} writes, as the
 * controller has them do; {@link ApiHeaders} and the same JSON mapper shape the answer.
 * It takes only the plain case: a caller whose token is in memory, no query, a JSON body
 * of declared length within the limit, an answer in JSON. Anything else goes to the full
 * stack untouched. So does a write the service refuses (not found, a conflict, a bad
 * body, a label policy): a refusal writes nothing, so the full stack takes the request
 * from the start, with the body read here, and words the answer as it does for every
 * other.
 */
class HotWriteFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/prompts/";

	private final Credentials credentials;

	private final PromptRequests requests;

	private final PromptService prompts;

	private final JsonMapper json;

	private final long maxBodyBytes;

	private final FastPathTimers timers;

	private final Counter answered;

	private final Counter handedOn;

	HotWriteFilter(Credentials credentials, PromptRequests requests, PromptService prompts, JsonMapper json,
			long maxBodyBytes, FastPathTimers timers, MeterRegistry registry) {
		this.credentials = credentials;
		this.requests = requests;
		this.prompts = prompts;
		this.json = json;
		this.maxBodyBytes = maxBodyBytes;
		this.timers = timers;
		this.answered = writes(registry, "answered");
		this.handedOn = writes(registry, "refused");
	}

	private static Counter writes(MeterRegistry registry, String outcome) {
		return Counter.builder("promptledger.fastpath.writes")
			.description("Writes the fast path took: answered there, or refused by the service and handed to the "
					+ "full stack to answer")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		UUID id = target(request);
		Actor actor = id == null ? null : this.credentials.peek(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (actor == null || !actor.role().atLeast(Role.TO_WRITE) || !plain(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = request.getInputStream().readNBytes((int) request.getContentLengthLong());
		}
		catch (IOException ex) {
			// the body broke off: the full stack says so
			chain.doFilter(new Replay(request, new byte[0]), response);
			return;
		}
		HttpServletRequest replay = new Replay(request, body);
		WriteResult result;
		try {
			result = this.prompts.replace(actor, id, request.getHeader(HttpHeaders.IF_MATCH),
					this.requests.draft(body, false));
		}
		catch (RuntimeException ex) {
			// refused, and rolled back: the full stack answers, as it would have
			this.handedOn.increment();
			chain.doFilter(replay, response);
			return;
		}
		byte[] answer = this.json.writeValueAsBytes(PromptResponse.of(result.prompt(), true));
		ApiHeaders.writeUncacheable(response);
		response.setHeader(HttpHeaders.ETAG, EntityTags.of(result.prompt().latest().id()));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(answer.length);
		response.getOutputStream().write(answer);
		this.answered.increment();
		this.timers.recordWrite(start);
	}

	/** The prompt a {@code PUT /prompts/{id}} without a query is for, else null. */
	private static UUID target(HttpServletRequest request) {
		if (!"PUT".equals(request.getMethod()) || request.getQueryString() != null) {
			return null;
		}
		String path = request.getRequestURI();
		if (!path.startsWith(PREFIX) || path.indexOf('/', PREFIX.length()) >= 0) {
			return null;
		}
		return Ids.parse(path.substring(PREFIX.length()));
	}

	/**
	 * A JSON body whose length is declared and within the limit (so that reading it
	 * cannot fail half way, or refuse it), and an answer the caller accepts as JSON.
	 */
	private boolean plain(HttpServletRequest request) {
		long length = request.getContentLengthLong();
		if (length < 0 || length > this.maxBodyBytes) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && !accept.equals("*/*") && !accept.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)) {
			return false;
		}
		try {
			RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
			return true;
		}
		catch (ApiException ex) {
			return false;
		}
	}

	/** The request again, with the body read from it. */
	private static final class Replay extends HttpServletRequestWrapper {

		private final byte[] body;

		Replay(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] bytes, int offset, int length) {
					return in.read(bytes, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is read already");
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(
					new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
		}

	}

}
