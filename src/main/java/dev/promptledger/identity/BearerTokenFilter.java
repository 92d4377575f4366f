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
import dev.promptledger.http.Problems;

/**
 * Authenticates {@code Authorization: Bearer <token>}. A request that presents a token
 * that is unknown, revoked or belongs to a disabled user is answered 401 at once; one
 * without the header goes on anonymous, and the authorization rules decide. A client
 * address that keeps failing is answered 429 for a while, for every credential but a
 * valid one (so the fast read path, which serves only tokens it knows to be valid, needs
 * no limiter of its own).
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

	private final Credentials identities;

	private final AuthenticationEntryPoint entryPoint;

	private final AuthFailureLimiter limiter;

	BearerTokenFilter(Credentials identities, AuthenticationEntryPoint entryPoint, AuthFailureLimiter limiter) {
		this.identities = identities;
		this.entryPoint = entryPoint;
		this.limiter = limiter;
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
		String token = Credentials.bearerToken(header);
		Actor actor;
		try {
			actor = token == null ? null : this.identities.authenticate(token).orElse(null);
		}
		catch (DataAccessException ex) {
			// the database cannot tell who this is right now: a retryable answer, not a
			// 401 or a 500
			log.warn("Cannot check credentials: the database is not answering ({})", ex.getClass().getSimpleName());
			response.setHeader(HttpHeaders.RETRY_AFTER, "2");
			Problems.write(response, ErrorCode.SERVICE_UNAVAILABLE,
					"The database is not answering; try again shortly.");
			return;
		}
		if (actor == null) {
			SecurityContextHolder.clearContext();
			if (this.limiter.blocked(AuthFailureLimiter.address(client))) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.limiter.retryAfterSeconds()));
				Problems.write(response, ErrorCode.TOO_MANY_REQUESTS,
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

}
