package dev.promptledger.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests: real requests to a running server, as a user's client
 * would send them.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String token;

	public Api(String base, String token) {
		this.base = base;
		this.token = token;
	}

	public Api as(String otherToken) {
		return new Api(this.base, otherToken);
	}

	public String base() {
		return this.base;
	}

	public Call get(String path) {
		return new Call(this, "GET", path);
	}

	public Call post(String path) {
		return new Call(this, "POST", path);
	}

	public Call put(String path) {
		return new Call(this, "PUT", path);
	}

	public Call patch(String path) {
		return new Call(this, "PATCH", path);
	}

	public Call delete(String path) {
		return new Call(this, "DELETE", path);
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	/** One request being built. */
	public static final class Call {

		private final Api api;

		private final String method;

		private final String path;

		private final List<String[]> headers = new ArrayList<>();

		private byte[] body;

		private boolean authenticated = true;

		Call(Api api, String method, String path) {
			this.api = api;
			this.method = method;
			this.path = path;
		}

		public Call header(String name, String value) {
			this.headers.add(new String[] { name, value });
			return this;
		}

		public Call anonymous() {
			this.authenticated = false;
			return this;
		}

		/** A JSON body from a map or record (Content-Type application/json). */
		public Call json(Object value) {
			return raw("application/json", Api.json(value));
		}

		public Call raw(String contentType, String text) {
			return raw(contentType, text.getBytes(StandardCharsets.UTF_8));
		}

		public Call raw(String contentType, byte[] bytes) {
			if (contentType != null) {
				header("Content-Type", contentType);
			}
			this.body = bytes;
			return this;
		}

		public Response send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.api.base + this.path))
				.timeout(Duration.ofSeconds(30))
				.method(this.method, this.body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(this.body));
			if (this.authenticated && this.api.token != null) {
				request.header("Authorization", "Bearer " + this.api.token);
			}
			for (String[] header : this.headers) {
				request.header(header[0], header[1]);
			}
			try {
				HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
				return new Response(response.statusCode(), response.headers().map(),
						new String(response.body(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(this.method + " " + this.path + " failed: " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A response: status, headers and body, with the body parsed as JSON on demand. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** A string member of the JSON body (null when absent or null). */
		public String text(String field) {
			JsonNode node = json().get(field);
			return node == null || node.isNull() ? null : node.asString();
		}

		public String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
