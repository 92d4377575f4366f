package dev.promptledger.http;

import org.springframework.http.HttpStatus;

/**
 * The stable, machine-readable problem codes of the API, each with the HTTP status it
 * answers with.
 */
public enum ErrorCode {

	BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"), MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed"),
	INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter"),
	INVALID_CURSOR(HttpStatus.BAD_REQUEST, "Invalid cursor"),
	MISSING_VARIABLES(HttpStatus.BAD_REQUEST, "Missing variables"),
	UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"), FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"), PROMPT_NOT_FOUND(HttpStatus.NOT_FOUND, "Prompt not found"),
	VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Version not found"),
	LABEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Label not found"), USER_NOT_FOUND(HttpStatus.NOT_FOUND, "User not found"),
	TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "Token not found"),
	POLICY_NOT_FOUND(HttpStatus.NOT_FOUND, "Label policy not found"),
	CHANGE_REQUEST_NOT_FOUND(HttpStatus.NOT_FOUND, "Change request not found"),
	WEBHOOK_NOT_FOUND(HttpStatus.NOT_FOUND, "Webhook not found"),
	WEBHOOK_URL_FORBIDDEN(HttpStatus.BAD_REQUEST, "Webhook URL forbidden"),
	SELF_APPROVAL(HttpStatus.FORBIDDEN, "Self-approval"), APPROVAL_REQUIRED(HttpStatus.CONFLICT, "Approval required"),
	ALREADY_APPROVED(HttpStatus.CONFLICT, "Already approved"),
	CHANGE_REQUEST_STALE(HttpStatus.CONFLICT, "Change request stale"),
	CHANGE_REQUEST_CLOSED(HttpStatus.CONFLICT, "Change request closed"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"), NAME_TAKEN(HttpStatus.CONFLICT, "Name taken"),
	USERNAME_TAKEN(HttpStatus.CONFLICT, "Username taken"), LAST_ADMIN(HttpStatus.CONFLICT, "Last admin"),
	USER_DISABLED(HttpStatus.CONFLICT, "User disabled"),
	VERSION_CONFLICT(HttpStatus.PRECONDITION_FAILED, "Version conflict"),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
	CONTENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Content too large"),
	RENDER_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Rendered content too large"),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	CONFIRMATION_REQUIRED(HttpStatus.PRECONDITION_REQUIRED, "Confirmation required"),
	TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
	CONTENT_CORRUPTED(HttpStatus.INTERNAL_SERVER_ERROR, "Stored content is damaged"),
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");

	private final HttpStatus status;

	private final String title;

	ErrorCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/** The value of the problem's {@code code} member. */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The problem's {@code type}: a URN that names the code, documented in docs/api.md.
	 */
	public java.net.URI type() {
		return java.net.URI.create("urn:promptledger:problem:" + code());
	}

	/** The code a bare status answers with when nothing more specific is known. */
	public static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> BAD_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 412 -> VERSION_CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 428 -> CONFIRMATION_REQUIRED;
			case 429 -> TOO_MANY_REQUESTS;
			case 431 -> HEADERS_TOO_LARGE;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
		};
	}

}
