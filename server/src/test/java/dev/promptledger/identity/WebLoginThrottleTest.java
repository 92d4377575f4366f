package dev.promptledger.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins count per address and per username: either past the limit throttles the
 * sign-in.
 */
class WebLoginThrottleTest {

	@Test
	void aUsernameGuessedFromManyAddressesIsThrottledFromAnyOther() throws Exception {
		AuthFailureLimiter limiter = new AuthFailureLimiter(3, Duration.ofMinutes(1));
		WebLogin.Failure failure = new WebLogin.Failure(limiter);
		for (int i = 0; i < 3; i++) {
			failure.onAuthenticationFailure(login("10.0.0." + i, "Alice"), new MockHttpServletResponse(), null);
		}
		assertThat(attempt(limiter, "10.0.0.9", "alice")).as("the same user, in another case, from a new address")
			.isEqualTo("/ui/login?throttled");
		assertThat(attempt(limiter, "10.0.0.9", "bob")).as("another user from that address").isNull();
		for (int i = 0; i < 3; i++) {
			failure.onAuthenticationFailure(login("10.0.0.20", "user" + i), new MockHttpServletResponse(), null);
		}
		assertThat(attempt(limiter, "10.0.0.20", "carol")).as("any user from an address that keeps failing")
			.isEqualTo("/ui/login?throttled");
	}

	/** Where the throttle sends a sign-in, or null when it lets it through. */
	private static String attempt(AuthFailureLimiter limiter, String address, String username) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		new WebLogin.Throttle(limiter).doFilter(login(address, username), response, chain);
		return chain.getRequest() != null ? null : response.getRedirectedUrl();
	}

	private static MockHttpServletRequest login(String address, String username) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", WebLogin.LOGIN);
		request.setRemoteAddr(address);
		request.setParameter("username", username);
		return request;
	}

}
