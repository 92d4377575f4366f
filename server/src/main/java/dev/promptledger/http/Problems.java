package dev.promptledger.http;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem+json bodies, and writes them where no Spring MVC handler is involved
 * (filters, valves).
 */
public final class Problems {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail of(ErrorCode code, String detail, Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(code.type());
		problem.setTitle(code.title());
		problem.setProperty("code", code.code());
		properties.forEach(problem::setProperty);
		return problem;
	}

	/** The body of a problem as plain JSON, for code that writes the response itself. */
	public static String json(ErrorCode code, int status, String detail) {
		var body = new java.util.LinkedHashMap<String, Object>();
		body.put("type", code.type().toString());
		body.put("title", code.title());
		body.put("status", status);
		body.put("detail", detail);
		body.put("code", code.code());
		return MAPPER.writeValueAsString(body);
	}

	public static void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json(code, code.status().value(), detail));
	}

}
