package dev.promptledger.http;

import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Query parameters are as strict as bodies: an API endpoint answers 400
 * {@code invalid_parameter} for a parameter it does not define (a typo such as
 * {@code ?labl=production} must never serve another version) and for one given twice.
 * What an endpoint defines is read once from its handler's {@link RequestParam}s, so the
 * rule cannot drift from the endpoints.
 */
public final class StrictParameters implements HandlerInterceptor {

	/** The parameters of an endpoint, each with whether it may be repeated. */
	private final Map<HandlerMethod, Map<String, Boolean>> defined = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Map<String, Boolean> names = this.defined.computeIfAbsent(method, StrictParameters::definedBy);
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			boolean repeatable = names.getOrDefault(parameter.getKey(), false);
			check(parameter.getKey(), repeatable ? 1 : parameter.getValue().length, names.keySet());
		}
		return true;
	}

	/**
	 * Refuses a parameter that is not among {@code defined}, or that came {@code count}
	 * times.
	 */
	public static void check(String name, int count, Set<String> defined) {
		if (!defined.contains(name)) {
			throw ApiException.invalidParameter(name, defined.isEmpty() ? "this endpoint takes no query parameters"
					: "is not a parameter of this endpoint (it takes " + String.join(", ", sorted(defined)) + ")");
		}
		if (count != 1) {
			throw ApiException.invalidParameter(name, "is given more than once");
		}
	}

	private static Map<String, Boolean> definedBy(HandlerMethod method) {
		return Stream.of(method.getMethodParameters())
			.filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
			.collect(Collectors.toUnmodifiableMap(StrictParameters::nameOf, StrictParameters::repeatable));
	}

	/** A parameter bound to a list or an array may be given several times. */
	private static boolean repeatable(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type.isArray() || java.util.Collection.class.isAssignableFrom(type);
	}

	private static String nameOf(MethodParameter parameter) {
		RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
		if (annotation != null && !annotation.name().isEmpty()) {
			return annotation.name();
		}
		Parameter reflected = parameter.getParameter();
		if (!reflected.isNamePresent()) {
			throw new IllegalStateException("compile with -parameters: " + parameter.getExecutable());
		}
		return reflected.getName();
	}

	private static Iterable<String> sorted(Set<String> names) {
		return names.stream().sorted().toList();
	}

}
