package dev.promptledger.http;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every API answer. Spring Security writes them on the full stack
 * (configured from {@link #REFERRER_POLICY} and its defaults); the fast read path writes
 * the same set from here. A contract test compares the two answers header by header, so a
 * change on one side that is not made on the other fails the build.
 */
public final class ApiHeaders {

	/** The Referrer-Policy of the API. */
	public static final String REFERRER_POLICY = "no-referrer";

	private static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-XSS-Protection",
			"0", "X-Frame-Options", "DENY", "Referrer-Policy", REFERRER_POLICY);

	private ApiHeaders() {
	}

	public static void write(HttpServletResponse response) {
		HEADERS.forEach(response::setHeader);
	}

}
