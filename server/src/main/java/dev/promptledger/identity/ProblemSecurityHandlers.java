package dev.promptledger.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Problems;
import dev.promptledger.http.UiErrorPage;

/**
 * 401, 403 and firewall rejections of the API as problem+json; never a redirect or an
 * HTML page.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (isBrowserAtTheRoot(request)) {
			// a person who typed the server's address: the way in is the web UI
			response.setStatus(HttpServletResponse.SC_FOUND);
			response.setHeader(HttpHeaders.LOCATION, "/ui/");
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		Problems.write(response, ErrorCode.UNAUTHORIZED, "Send a valid API token as 'Authorization: Bearer <token>'.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		Problems.write(response, ErrorCode.FORBIDDEN, "Your role does not allow this.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		if (UiErrorPage.isUi(request.getRequestURI())) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("text/html;charset=UTF-8");
			response.getWriter()
				.write(UiErrorPage.html(400, ErrorCode.BAD_REQUEST.title(), "The address is not acceptable."));
			return;
		}
		Problems.write(response, ErrorCode.BAD_REQUEST, "The request URL is not acceptable.");
	}

	/** A GET of {@code /} by a browser (it accepts HTML). */
	private static boolean isBrowserAtTheRoot(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return "GET".equals(request.getMethod()) && "/".equals(request.getRequestURI()) && accept != null
				&& accept.contains("text/html");
	}

}
