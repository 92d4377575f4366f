package dev.promptledger.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the API reports as a problem with a stable code; thrown by the domain, mapped
 * by {@link ProblemHandler}.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode code;

	private final Map<String, Object> properties;

	public ApiException(ErrorCode code, String detail) {
		this(code, detail, Map.of());
	}

	public ApiException(ErrorCode code, String detail, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.code = code;
		this.properties = new LinkedHashMap<>(properties);
	}

	public static ApiException validation(List<FieldError> errors) {
		String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
				: errors.size() + " fields are invalid";
		return new ApiException(ErrorCode.VALIDATION_FAILED, detail, Map.of("errors", List.copyOf(errors)));
	}

	public static ApiException invalidParameter(String name, String message) {
		return new ApiException(ErrorCode.INVALID_PARAMETER, name + ": " + message,
				Map.of("errors", List.of(new FieldError(name, message))));
	}

	public ErrorCode code() {
		return this.code;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	/** One entry of a validation problem's {@code errors} list. */
	public record FieldError(String field, String message) {
	}

}
