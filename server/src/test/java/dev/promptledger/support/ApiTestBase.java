package dev.promptledger.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the contract tests: a real server on a random port, driven over HTTP. Each
 * contract is written once in an abstract subclass and run on H2 and on PostgreSQL by
 * one-line subclasses annotated {@link OnH2} and {@link OnPostgres}; tests of one
 * database share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {

	@LocalServerPort
	protected int port;

	@Value("${promptledger.admin-token}")
	protected String adminToken;

	@Autowired
	protected JdbcClient jdbc;

	/** The API as the bootstrap admin. */
	protected Api api;

	@BeforeEach
	void connect() {
		this.api = new Api("http://127.0.0.1:" + this.port, this.adminToken);
	}

	/** A name no other test uses. */
	protected static String uniqueName(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected static Map<String, Object> body(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/** Creates a prompt and returns the answer (201 checked). */
	protected Api.Response createPrompt(String name, String content) {
		Api.Response created = this.api.post("/prompts").json(body("name", name, "content", content)).send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created;
	}

	/** Asserts a problem+json answer with this status and code, and returns it. */
	protected static Api.Response assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
		assertThat(response.text("code")).as(response.body()).isEqualTo(code);
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.text("type")).isEqualTo("urn:promptledger:problem:" + code);
		assertThat(response.text("title")).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception", "at dev.promptledger", "SQL");
		return response;
	}

	/** A user of a role with a password and an API token, created by the admin. */
	public record TestUser(String username, String role, String password, String token, String tokenId, Api api) {
	}

	protected TestUser createUser(String role) {
		String username = uniqueName(role);
		String password = "password-of-" + username;
		Api.Response user = this.api.post("/users")
			.json(body("username", username, "role", role, "password", password))
			.send();
		assertThat(user.status()).as(user.body()).isEqualTo(201);
		Api.Response token = this.api.post("/users/" + username + "/tokens").json(body("name", "tests")).send();
		assertThat(token.status()).as(token.body()).isEqualTo(201);
		return new TestUser(username, role, password, token.text("token"), token.text("token_id"),
				this.api.as(token.text("token")));
	}

	protected static String etag(Api.Response response) {
		return response.header("ETag");
	}

}
