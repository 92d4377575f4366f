package dev.promptledger.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.PromptledgerApplication;
import dev.promptledger.support.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests at every write and read endpoint: malformed and wrongly
 * typed bodies, NUL bytes and invalid UTF-8, deep nesting, oversized values, path
 * traversal and SQL fragments in ids and parameters, unknown content types, absurd
 * cursors and limits, conflicting headers. Every answer is a 4xx problem+json (or a
 * 2xx/304 for a read), never a 5xx, and no rejected request changes a row.
 */
class HostileInputPropertiesTest {

	private static final String TOKEN = "plg_test_admin_token_0123456789abcdefghijklmnop";

	private static ConfigurableApplicationContext node;

	private static Api api;

	private static JdbcClient jdbc;

	private static String promptId;

	private static String checksum;

	record Attack(String method, String path, String contentType, byte[] body, String ifMatch, boolean twice) {
	}

	@BeforeContainer
	static void start() {
		node = new SpringApplicationBuilder(PromptledgerApplication.class).profiles("h2test")
			.run("--server.port=0", "--promptledger.admin-token=" + TOKEN);
		api = new Api("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port"), TOKEN);
		jdbc = node.getBean(JdbcClient.class);
		Api.Response created = api.post("/prompts")
			.json(java.util.Map.of("name", "target", "content", "Hello {{who}}"))
			.send();
		promptId = created.text("id");
		api.put("/prompts/" + promptId + "/labels/production").json(java.util.Map.of("version", 1)).send();
		checksum = checksum();
	}

	@AfterContainer
	static void stop() {
		if (node != null) {
			node.close();
		}
	}

	@Provide
	Arbitrary<Attack> attacks() {
		Arbitrary<String> ids = Arbitraries.of("{id}", "00000000-0000-4000-8000-000000000000", "..%2F..%2Fetc%2Fpasswd",
				"1%27%20OR%20%271%27%3D%271", "%00", "x".repeat(300), "-1", "99999999999999999999", "%E2%80%AE",
				"%C3%28", "%25", "NaN", "1;DROP%20TABLE%20prompt", "%2e%2e", "a%20b");
		Arbitrary<String> paths = Combinators
			.combine(Arbitraries.of("/prompts/{p}", "/prompts/{p}/versions/{p}",
					"/prompts/{p}/versions/{p}/diff?against={p}", "/prompts/{p}/versions/{p}/revert",
					"/prompts/{p}/labels/{p}", "/prompts/{p}/labels/{p}/history", "/prompts/{p}/render", "/users/{p}",
					"/users/{p}/tokens", "/tokens/{p}", "/prompts?limit={p}&cursor={p}&q={p}",
					"/prompts/lookup?name={p}&label={p}", "/audit?prompt_id={p}&action={p}",
					"/prompts/{p}?label={p}&version={p}", "/prompts"), ids)
			.as((template, id) -> template.replace("{p}", id.replace("{id}", promptId)));
		Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE");
		Arbitrary<String> types = Arbitraries.of("application/json", "application/merge-patch+json", "text/plain",
				"application/json; charset=latin1", "application/xml", "multipart/form-data; boundary=x", "", "*/*",
				"application/json; charset=utf-8");
		Arbitrary<byte[]> bodies = Arbitraries.oneOf(
				Arbitraries
					.of("{", "[]", "null", "\"x\"", "{\"name\": 1, \"content\": true}",
							"{\"name\": \"a\", \"content\": \"b\", \"id\": \"x\"}",
							"{\"name\": \"../../etc\", \"content\": \"x\", \"evil\": 1}", "{\"confirm\": \"true\"}",
							"{\"confirm\": 1}", "{\"version\": \"1\"}", "{\"version\": {}}", "{\"variables\": [\"x\"]}",
							"{\"variables\": {\"who\": 3}}", "{\"role\": \"root\"}",
							"{\"username\": \"a b\", \"role\": \"viewer\"}", "{\"password\": 12}",
							"{\"name\": \"x\", \"name\": \"y\", \"content\": \"z\"}",
							"{\"content\": \"a\\u0000b\", \"name\": \"n\", \"x\": 1}",
							"{\"content\": \"\\ud800\", \"name\": \"nul-surrogate\", \"y\": 2}",
							"{\"name\": \"' OR 1=1 --\", \"content\": 5}")
					.map(text -> text.getBytes(StandardCharsets.UTF_8)),
				Arbitraries.just("[".repeat(5000) + "]".repeat(5000))
					.map(text -> text.getBytes(StandardCharsets.UTF_8)),
				Arbitraries.just(
						new byte[] { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }),
				Arbitraries.just(("{\"name\":\"big\",\"content\":\"" + "x".repeat(300_000) + "\",\"z\":1}")
					.getBytes(StandardCharsets.UTF_8)),
				Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
		Arbitrary<String> ifMatch = Arbitraries.of(null, "*", "W/\"x\"", "\"x\"", "garbage", "\"\", \"\"", "\u0001");
		return Combinators.combine(methods, paths, types, bodies, ifMatch, Arbitraries.of(true, false)).as(Attack::new);
	}

	@Property(tries = 400)
	void hostileRequestsAreRefusedCleanly(@ForAll("attacks") Attack attack) {
		Api.Call call = switch (attack.method()) {
			case "GET" -> api.get(attack.path());
			case "POST" -> api.post(attack.path());
			case "PUT" -> api.put(attack.path());
			case "PATCH" -> api.patch(attack.path());
			default -> api.delete(attack.path());
		};
		boolean write = !attack.method().equals("GET");
		if (write) {
			call.raw(attack.contentType().isEmpty() ? null : attack.contentType(), attack.body());
		}
		if (attack.method().equals("DELETE") && attack.path().split("\\?")[0].equals("/prompts/" + promptId)) {
			// a plain DELETE of the target is a legitimate request; with a stale If-Match
			// it must be refused
			call.header("If-Match", "\"stale\"");
		}
		else if (attack.ifMatch() != null && !attack.ifMatch().contains("\u0001")) {
			call.header("If-Match", attack.ifMatch());
			if (attack.twice()) {
				call.header("If-Match", "\"other\"");
			}
		}
		Api.Response response;
		try {
			response = call.send();
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			return; // the client itself refused to send it (an invalid URI): nothing
					// reached the server
		}
		assertThat(response.status()).as(attack.method() + " " + attack.path() + " -> " + response).isLessThan(500);
		if (response.status() >= 400) {
			assertThat(response.contentType()).as(attack.method() + " " + attack.path())
				.startsWith("application/problem+json");
			assertThat(response.body()).doesNotContain("Exception", "org.springframework", "SQL");
		}
		if (write && response.status() < 400 && !attack.path().contains("dry_run")) {
			assertThat(attack.path()).as("only a no-op write may succeed: " + response).contains("revert");
		}
		assertThat(checksum()).as("no rejected request changed the database").isEqualTo(checksum);
	}

	private static String checksum() {
		StringBuilder rows = new StringBuilder();
		for (String table : List.of("prompt", "prompt_version", "prompt_label", "label_event", "audit_entry",
				"app_user", "api_token", "content_blob")) {
			jdbc.sql("SELECT * FROM " + table + " ORDER BY 1").query().listOfRows().forEach(row -> {
				row.values()
					.forEach(value -> rows
						.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value)
						.append('|'));
				rows.append('\n');
			});
		}
		try {
			return HexFormat.of()
				.formatHex(
						MessageDigest.getInstance("SHA-256").digest(rows.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
