package dev.promptledger.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests to a promptledger server and what their answers mean: JSON bodies, problem
 * details turned into {@link PromptLedgerException}, prompts read from their JSON and
 * ETag.
 */
final class Transport {

	/** An answer: its status, ETag and body (null when it had none). */
	record Answer(int status, String etag, JsonNode body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

	}

	static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http;

	private final String base;

	private final String authorization;

	private final Duration timeout;

	Transport(HttpClient http, String baseUrl, String token, Duration timeout) {
		this.http = http;
		this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.authorization = "Bearer " + token;
		this.timeout = timeout;
	}

	HttpClient http() {
		return this.http;
	}

	String base() {
		return this.base;
	}

	String authorization() {
		return this.authorization;
	}

	static String query(Map<String, ?> parameters) {
		StringBuilder query = new StringBuilder();
		for (Map.Entry<String, ?> parameter : parameters.entrySet()) {
			if (parameter.getValue() == null) {
				continue;
			}
			List<?> values = parameter.getValue() instanceof List<?> list ? list : List.of(parameter.getValue());
			for (Object value : values) {
				query.append(query.length() == 0 ? '?' : '&')
					.append(parameter.getKey())
					.append('=')
					.append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
			}
		}
		return query.toString();
	}

	/** A GET; {@code ifNoneMatch} may be null. */
	Answer get(String path, String ifNoneMatch, boolean fromDatabase) {
		HttpRequest.Builder request = request(path).GET();
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		if (fromDatabase) {
			request.header("Cache-Control", "no-cache");
		}
		return send(request.build());
	}

	/** A request with a JSON body (null for none) and headers given in pairs. */
	Answer send(String method, String path, Object body, String... headers) {
		HttpRequest.Builder request = request(path);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			try {
				request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalArgumentException("cannot write the request body", ex);
			}
		}
		return send(request.build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(this.timeout)
			.header("Authorization", this.authorization)
			.header("Accept", "application/json");
	}

	private Answer send(HttpRequest request) {
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw PromptLedgerException.unreachable(request.method() + " " + this.base, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw PromptLedgerException.unreachable("interrupted", ex);
		}
		JsonNode body = null;
		byte[] bytes = response.body();
		if (bytes != null && bytes.length > 0) {
			try {
				body = JSON.readTree(bytes);
			}
			catch (IOException ex) {
				body = null;
			}
		}
		return new Answer(response.statusCode(), response.headers().firstValue("ETag").orElse(null), body);
	}

	/** The exception an answer that is not a success stands for. */
	static PromptLedgerException problem(Answer answer) {
		JsonNode body = answer.body();
		String code = body != null && body.hasNonNull("code") ? body.get("code").asText() : "http_" + answer.status();
		String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText()
				: "The server answered " + answer.status() + ".";
		List<String> missing = new ArrayList<>();
		if (body != null && body.get("missing") != null) {
			body.get("missing").forEach(name -> missing.add(name.asText()));
		}
		return new PromptLedgerException(answer.status(), code, detail, missing, null);
	}

	/** A success, or the exception its answer stands for. */
	static Answer require(Answer answer) {
		if (!answer.ok()) {
			throw problem(answer);
		}
		return answer;
	}

	/** The prompt of an answer to a read (its ETag names the version shown). */
	static Prompt prompt(Answer answer) {
		JsonNode body = answer.body();
		List<Message> messages = null;
		if (body.get("messages") != null && body.get("messages").isArray()) {
			messages = messages(body.get("messages"));
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> config = body.hasNonNull("config") ? JSON.convertValue(body.get("config"), Map.class)
				: new LinkedHashMap<>();
		return new Prompt(UUID.fromString(body.get("id").asText()), body.get("name").asText(),
				body.get("type").asText(), body.hasNonNull("description") ? body.get("description").asText() : null,
				body.get("version").asInt(), versionId(answer.etag()),
				body.hasNonNull("content") ? body.get("content").asText() : null, messages, config,
				strings(body.get("tags")), strings(body.get("labels")), false, false);
	}

	static List<Message> messages(JsonNode items) {
		List<Message> messages = new ArrayList<>();
		for (JsonNode item : items) {
			messages.add(item.has("role") ? Message.of(item.get("role").asText(), item.get("content").asText())
					: Message.placeholder(item.get("name").asText()));
		}
		return messages;
	}

	static List<Map<String, String>> messagesJson(List<Message> messages) {
		List<Map<String, String>> items = new ArrayList<>();
		for (Message message : messages) {
			Map<String, String> item = new LinkedHashMap<>();
			if (message.isPlaceholder()) {
				item.put("type", "placeholder");
				item.put("name", message.placeholder());
			}
			else {
				item.put("role", message.role());
				item.put("content", message.content());
			}
			items.add(item);
		}
		return items;
	}

	static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		if (array != null) {
			array.forEach(item -> strings.add(item.asText()));
		}
		return strings;
	}

	/** The version id an ETag names. */
	static UUID versionId(String etag) {
		if (etag == null) {
			return null;
		}
		String value = etag.startsWith("W/") ? etag.substring(2) : etag;
		value = value.replace("\"", "");
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
