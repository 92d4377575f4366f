package dev.promptledger.http;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an API handler into problem+json with a stable {@code code}.
 * Unknown failures become a 500 with a log line and nothing of their internals in the
 * body.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	static final String RETRY_AFTER_SECONDS = "2";

	private final Counter versionConflicts;

	private final Counter nameConflicts;

	ProblemHandler(MeterRegistry registry) {
		this.versionConflicts = conflicts(registry, ErrorCode.VERSION_CONFLICT);
		this.nameConflicts = conflicts(registry, ErrorCode.NAME_TAKEN);
	}

	private static Counter conflicts(MeterRegistry registry, ErrorCode code) {
		return Counter.builder("promptledger.conflicts")
			.description("Writes refused by a conflict: version_conflict (412, If-Match) or name_taken (409)")
			.tag("code", code.code())
			.register(registry);
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<?> handleApi(ApiException ex, HttpServletRequest request) {
		return forUi(request, problem(ex));
	}

	private ResponseEntity<ProblemDetail> problem(ApiException ex) {
		if (ex.code() == ErrorCode.VERSION_CONFLICT) {
			this.versionConflicts.increment();
		}
		else if (ex.code() == ErrorCode.NAME_TAKEN) {
			this.nameConflicts.increment();
		}
		ProblemDetail problem = Problems.of(ex.code(), ex.getMessage(), ex.properties());
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.code().status());
		if (ex.code() == ErrorCode.UNAUTHORIZED) {
			builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		if (ex.code() == ErrorCode.SERVICE_UNAVAILABLE || ex.code() == ErrorCode.TOO_MANY_REQUESTS) {
			builder.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return builder.body(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<?> handleTypeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return handleApi(ApiException.invalidParameter(ex.getName(), "has an invalid value"), request);
	}

	/**
	 * Tomcat refuses a query parameter it cannot decode only when the application reads
	 * it.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<?> handleUndecodableParameter(InvalidParameterException ex, HttpServletRequest request) {
		return handleApi(new ApiException(ErrorCode.INVALID_PARAMETER, "A query parameter is not properly encoded."),
				request);
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, TransactionSystemException.class })
	ResponseEntity<?> handleUnavailable(Exception ex, HttpServletRequest request) {
		log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
		return handleApi(
				new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The database is not answering; try again shortly."),
				request);
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void rethrowSecurity(RuntimeException ex) {
		throw ex;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> handleUnknown(Exception ex, HttpServletRequest request) {
		if (databaseWentAway(ex)) {
			// e.g. a rollback that failed because the connection died under the
			// transaction
			return handleUnavailable(ex, request);
		}
		log.warn("Unexpected failure: {} (cause: {})", ex.toString(), ex.getCause());
		return handleApi(new ApiException(ErrorCode.INTERNAL_ERROR, "The server failed to handle this request."),
				request);
	}

	/**
	 * The answer as it is, or, for a web UI path, the same status and headers with an
	 * HTML page.
	 */
	private static ResponseEntity<?> forUi(HttpServletRequest request, ResponseEntity<? extends ProblemDetail> answer) {
		if (request == null || !UiErrorPage.isUi(request.getRequestURI()) || answer.getBody() == null) {
			return answer;
		}
		ProblemDetail problem = answer.getBody();
		HttpHeaders headers = new HttpHeaders();
		answer.getHeaders().forEach((name, values) -> {
			if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				headers.addAll(name, values);
			}
		});
		return ResponseEntity.status(answer.getStatusCode())
			.headers(headers)
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.body(UiErrorPage.html(problem.getStatus(), String.valueOf(problem.getTitle()),
					String.valueOf(problem.getDetail())));
	}

	/**
	 * Whether a failure comes from losing the database connection (SQL state class 08, or
	 * the socket).
	 */
	static boolean databaseWentAway(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith("08")) {
				return true;
			}
			if (cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.net.SocketException || cause instanceof java.io.EOFException) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ErrorCode code = codeFor(ex, statusCode);
		String detail = detailFor(ex, code);
		ProblemDetail problem = Problems.of(code, detail, Map.of());
		problem.setStatus(statusCode.value());
		HttpHeaders safe = new HttpHeaders();
		headers.forEach((name, values) -> {
			if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				safe.addAll(name, values);
			}
		});
		ResponseEntity<ProblemDetail> answer = ResponseEntity.status(statusCode).headers(safe).body(problem);
		@SuppressWarnings("unchecked")
		ResponseEntity<Object> page = (ResponseEntity<Object>) forUi(
				request instanceof ServletWebRequest servlet ? servlet.getRequest() : null, answer);
		return page;
	}

	private static ErrorCode codeFor(Exception ex, HttpStatusCode status) {
		if (ex instanceof NoResourceFoundException) {
			return ErrorCode.NOT_FOUND;
		}
		if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
			return ErrorCode.MALFORMED_JSON;
		}
		if (ex instanceof org.springframework.web.bind.MissingServletRequestParameterException) {
			return ErrorCode.INVALID_PARAMETER;
		}
		return ErrorCode.forStatus(status.value());
	}

	private static String detailFor(Exception ex, ErrorCode code) {
		if (ex instanceof HttpRequestMethodNotSupportedException m) {
			return "Method " + m.getMethod() + " is not supported here.";
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return "This content type is not supported here.";
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return "No acceptable representation; ask for application/json.";
		}
		if (ex instanceof NoResourceFoundException) {
			return "No such resource.";
		}
		return code.title() + ".";
	}

}
