package dev.promptledger.langfuse;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;

/**
 * Every error of the Langfuse paths in Langfuse's form, {@code {"message", "error"}} with
 * the error's class name as Langfuse's server names it, whether the handler, the security
 * chain or the token filter refuses. A label that needs approval is 403, as Langfuse's
 * SDK expects of a label its caller may not set.
 */
@RestControllerAdvice(assignableTypes = LangfuseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LangfuseErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(LangfuseErrors.class);

	/** What promptledger does not do of Langfuse's API: 501, saying so. */
	static final class Unsupported extends RuntimeException {

		Unsupported(String message) {
			super(message);
		}

	}

	@ExceptionHandler(Unsupported.class)
	ResponseEntity<ObjectNode> unsupported(Unsupported ex) {
		return answer(HttpStatus.NOT_IMPLEMENTED.value(), ex.getMessage());
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ObjectNode> api(ApiException ex) {
		String message = ex.getMessage();
		if (ex.properties().get("errors") instanceof java.util.List<?> errors && !errors.isEmpty()) {
			message = errors.stream()
				.map(error -> error instanceof ApiException.FieldError field
						? LangfuseController.langfuseField(field.field()) + ": " + field.message() : error.toString())
				.collect(Collectors.joining("; "));
		}
		return answer(status(ex.code()), message);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ObjectNode> other(Exception ex) {
		if (ex instanceof ErrorResponse framework) {
			HttpStatusCode status = framework.getStatusCode();
			String detail = framework.getBody().getDetail();
			return answer(status.value(), detail == null ? "The request cannot be served." : detail);
		}
		log.error("Langfuse request failed", ex);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR.value(), "The server failed to answer; it has logged why.");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"promptledger\"");
		write(response, ErrorCode.UNAUTHORIZED, "Send a Langfuse key pair by HTTP Basic: the public key "
				+ "pk-lf-<token_id> and, as the secret key, the token of a promptledger API token.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, ErrorCode.FORBIDDEN, "Your role does not allow this.");
	}

	/** Writes an error the way {@link dev.promptledger.identity.TokenFilter} needs. */
	static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
		int status = status(code);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(body(status, message).toString());
	}

	private static ResponseEntity<ObjectNode> answer(int status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(status, message));
	}

	/** The status Langfuse's SDK expects for a promptledger error. */
	private static int status(ErrorCode code) {
		return code == ErrorCode.APPROVAL_REQUIRED ? HttpStatus.FORBIDDEN.value() : code.status().value();
	}

	private static ObjectNode body(int status, String message) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("message", message);
		body.put("error", errorName(status));
		return body;
	}

	/** The names of Langfuse's server errors. */
	private static String errorName(int status) {
		return switch (status) {
			case 400 -> "InvalidRequestError";
			case 401 -> "UnauthorizedError";
			case 403 -> "ForbiddenError";
			case 404 -> "LangfuseNotFoundError";
			case 405 -> "MethodNotAllowedError";
			case 409 -> "LangfuseConflictError";
			case 413 -> "PayloadTooLargeError";
			case 429 -> "TooManyRequestsError";
			case 501 -> "NotImplementedError";
			case 503 -> "ServiceUnavailableError";
			default -> status >= 500 ? "InternalServerError" : "InvalidRequestError";
		};
	}

}
