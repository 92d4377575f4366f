package dev.promptledger.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web UI's password login, hardened: failed sign-ins are counted per address and per
 * username and, past the limit, refused without looking at the password (a password can
 * be guessed, so a correct one is refused too until the window ends); and each session
 * remembers which password it was opened with, so that changing a password ends the
 * user's other sessions ({@link SessionRefreshFilter}).
 */
final class WebLogin {

	/**
	 * The session attribute holding the fingerprint of the password the session was
	 * opened with.
	 */
	static final String CREDENTIAL = "promptledger.credential";

	static final String LOGIN = "/ui/login";

	private WebLogin() {
	}

	/**
	 * A fingerprint of a stored password hash (null: no password), safe to keep in a
	 * session.
	 */
	static String fingerprint(String passwordHash) {
		if (passwordHash == null) {
			return "none";
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Refuses a sign-in from an address, or for a username, that failed too often: back
	 * to the login page.
	 */
	static final class Throttle extends OncePerRequestFilter {

		private final AuthFailureLimiter limiter;

		Throttle(AuthFailureLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !("POST".equals(request.getMethod()) && LOGIN.equals(request.getRequestURI()));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String username = request.getParameter("username");
			if (this.limiter.blocked(AuthFailureLimiter.address(request.getRemoteAddr()))
					|| (username != null && this.limiter.blocked(AuthFailureLimiter.user(username)))) {
				response.setHeader("Retry-After", Long.toString(this.limiter.retryAfterSeconds()));
				response.sendRedirect(LOGIN + "?throttled");
				return;
			}
			chain.doFilter(request, response);
		}

	}

	/** Counts a failed sign-in against its address and its username. */
	static final class Failure implements AuthenticationFailureHandler {

		private final AuthFailureLimiter limiter;

		Failure(AuthFailureLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException {
			this.limiter.recordFailure(AuthFailureLimiter.address(request.getRemoteAddr()));
			String username = request.getParameter("username");
			if (username != null && !username.isEmpty() && username.length() <= 100) {
				this.limiter.recordFailure(AuthFailureLimiter.user(username));
			}
			response.sendRedirect(LOGIN + "?error");
		}

	}

	/**
	 * Remembers in the new session which password opened it, then goes to the prompt
	 * list.
	 */
	static final class Success extends SimpleUrlAuthenticationSuccessHandler {

		private final IdentityStore identities;

		Success(IdentityStore identities) {
			super("/ui/prompts");
			setAlwaysUseDefaultTargetUrl(true);
			this.identities = identities;
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws IOException, ServletException {
			HttpSession session = request.getSession();
			this.identities.findUser(authentication.getName())
				.ifPresent(user -> session.setAttribute(CREDENTIAL, fingerprint(user.passwordHash())));
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

}
