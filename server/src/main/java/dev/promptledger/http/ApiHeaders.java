package dev.promptledger.http;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every API answer. Spring Security writes them on the full stack
 * (configured from {@link #REFERRER_POLICY} and its defaults); the fast read and write
 * paths write the same set from here. Contract tests compare the answers of both paths
 * header by header, so a change on one side that is not made on the other fails the
 * build.
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

	/**
	 * What Spring Security adds to an answer that sets no {@code Cache-Control} of its
	 * own (a write's): not to be stored anywhere.
	 */
	public static void writeUncacheable(HttpServletResponse response) {
		write(response);
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
	}

}
