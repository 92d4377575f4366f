package dev.promptledger.identity;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For a logged-in web UI session, reads the user again on every request: the session of a
 * disabled or deleted user, or of one whose password changed since the session was
 * opened, ends at once, and a changed role applies at once. The request then carries the
 * same {@link Actor} principal as an API call.
 */
class SessionRefreshFilter extends OncePerRequestFilter {

	private final IdentityStore identities;

	SessionRefreshFilter(IdentityStore identities) {
		this.identities = identities;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		String username = usernameOf(current);
		if (username != null) {
			User user = this.identities.findUser(username).orElse(null);
			HttpSession session = request.getSession(false);
			boolean passwordChanged = user != null && session != null
					&& !WebLogin.fingerprint(user.passwordHash()).equals(session.getAttribute(WebLogin.CREDENTIAL));
			if (user == null || user.disabled() || passwordChanged) {
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
			}
			else {
				Actor actor = new Actor(user.username(), user.role());
				var fresh = UsernamePasswordAuthenticationToken.authenticated(actor, null,
						List.of(new SimpleGrantedAuthority(user.role().authority())));
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(fresh);
				SecurityContextHolder.setContext(context);
			}
		}
		chain.doFilter(request, response);
	}

	private static String usernameOf(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return null;
		}
		Object principal = authentication.getPrincipal();
		if (principal instanceof UserDetails details) {
			return details.getUsername();
		}
		if (principal instanceof Actor actor) {
			return actor.username();
		}
		return null;
	}

}
