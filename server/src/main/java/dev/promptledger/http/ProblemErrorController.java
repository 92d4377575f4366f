package dev.promptledger.http;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (a {@code sendError} from a filter, the firewall
 * or Tomcat) with problem+json, in place of Boot's own error format; a web UI path with
 * an HTML page.
 */
@io.swagger.v3.oas.annotations.Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<?> error(HttpServletRequest request) {
		Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = attribute instanceof Integer value && value >= 400 ? value : 500;
		ErrorCode code = ErrorCode.forStatus(status);
		if (UiErrorPage.isUi(String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)))) {
			return ResponseEntity.status(status)
				.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
				.body(UiErrorPage.html(status, code.title(), code.title() + "."));
		}
		ProblemDetail problem = Problems.of(code, code.title() + ".", Map.of());
		problem.setStatus(status);
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status == 401) {
			builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		return builder.body(problem);
	}

}
