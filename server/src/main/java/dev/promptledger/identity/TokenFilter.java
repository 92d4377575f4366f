package dev.promptledger.identity;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.promptledger.http.ErrorCode;

/**
 * Authenticates an API token presented in the {@code Authorization} header, in the way of
 * its {@link Scheme}. A request that presents a token that is unknown, revoked or belongs
 * to a disabled user is answered 401 at once; one without the header goes on anonymous,
 * and the authorization rules decide. A client address that keeps failing is answered 429
 * for a while, for every credential but a valid one (so the fast read path, which serves
 * only tokens it knows to be valid, needs no limiter of its own).
 */
public final class TokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(TokenFilter.class);

	/** How a token is presented. */
	public enum Scheme {

		/** {@code Authorization: Bearer <token>}, the API's own. */
		BEARER,

		/**
		 * HTTP Basic with a Langfuse key pair: the public key {@code pk-lf-<token_id>},
		 * the secret key the token itself.
		 */
		LANGFUSE_KEYS

	}

	/** Writes the answers the filter gives on its own (429, 503) in its paths' format. */
	@FunctionalInterface
	public interface ErrorWriter {

		void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException;

	}

	private final Credentials identities;

	private final Scheme scheme;

	private final AuthenticationEntryPoint entryPoint;

	private final AuthFailureLimiter limiter;

	private final ErrorWriter errors;

	public TokenFilter(Credentials identities, Scheme scheme, AuthenticationEntryPoint entryPoint,
			AuthFailureLimiter limiter, ErrorWriter errors) {
		this.identities = identities;
		this.scheme = scheme;
		this.entryPoint = entryPoint;
		this.limiter = limiter;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		String client = request.getRemoteAddr();
		Actor actor;
		try {
			actor = authenticate(header);
		}
		catch (DataAccessException ex) {
			// the database cannot tell who this is right now: a retryable answer, not a
			// 401 or a 500
			log.warn("Cannot check credentials: the database is not answering ({})", ex.getClass().getSimpleName());
			response.setHeader(HttpHeaders.RETRY_AFTER, "2");
			this.errors.write(response, ErrorCode.SERVICE_UNAVAILABLE,
					"The database is not answering; try again shortly.");
			return;
		}
		if (actor == null) {
			SecurityContextHolder.clearContext();
			if (this.limiter.blocked(AuthFailureLimiter.address(client))) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.limiter.retryAfterSeconds()));
				this.errors.write(response, ErrorCode.TOO_MANY_REQUESTS,
						"Too many failed authentications from this address; try again later.");
				return;
			}
			this.limiter.recordFailure(AuthFailureLimiter.address(client));
			log.warn("Rejected credentials from {} for {} {}", client, request.getMethod(), request.getRequestURI());
			this.entryPoint.commence(request, response, new BadCredentialsException("invalid token"));
			return;
		}
		var authentication = UsernamePasswordAuthenticationToken.authenticated(actor, null,
				List.of(new SimpleGrantedAuthority(actor.role().authority())));
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** The actor behind the header, or null when it names none this scheme accepts. */
	private Actor authenticate(String header) {
		if (this.scheme == Scheme.BEARER) {
			String token = Credentials.bearerToken(header);
			return token == null ? null : this.identities.authenticate(token).orElse(null);
		}
		Credentials.KeyPair keys = Credentials.langfuseKeys(header);
		return keys == null ? null : this.identities.authenticate(keys).orElse(null);
	}

}
