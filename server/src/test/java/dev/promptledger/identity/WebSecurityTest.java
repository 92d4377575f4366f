package dev.promptledger.identity;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.context.TestPropertySource;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.OnH2;
import dev.promptledger.support.RawHttp;
import dev.promptledger.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI as an attacker and a browser see it, on an instance of its own with a low
 * limit of failed authentications: security headers, no Host header in redirects, HTML
 * for every error under {@code /ui/}, sessions that end when the password changes,
 * invisible characters shown in review views, and sign-ins throttled per address and per
 * user (last, as it blocks this client).
 */
@OnH2
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = { "promptledger.auth-failure-limit=3", "promptledger.auth-failure-window=29s" })
class WebSecurityTest extends ApiTestBase {

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	@Test
	@Order(1)
	void pagesCarryTheSecurityHeadersAndRedirectsNeverNameTheHost() throws IOException {
		HttpResponse<String> login = new WebSession(base()).get("/ui/login");
		assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'",
				"frame-ancestors 'none'", "object-src 'none'");
		assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).contains("SameSite=Lax"));
		assertThat(this.api.get("/health").send().header("Referrer-Policy")).isEqualTo("no-referrer");

		String answer = raw("GET /ui/prompts HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 302");
		assertThat(answer).containsPattern("(?i)location: /ui/login").doesNotContain("evil.example");
	}

	@Test
	@Order(2)
	void everyErrorUnderUiIsAnHtmlPage() throws IOException {
		TestUser viewer = createUser("viewer");
		WebSession web = new WebSession(base());
		assertThat(web.login(viewer.username(), viewer.password())).isEqualTo("/ui/prompts");
		String id = createPrompt(uniqueName("errors"), "text").text("id");
		for (String path : List.of("/ui/nope", "/ui/prompts/not-a-uuid",
				"/ui/prompts/00000000-0000-0000-0000-000000000000", "/ui/prompts/" + id + "/diff",
				"/ui/prompts/" + id + "/versions/99", "/ui/prompts?cursor=bogus",
				"/ui/prompts/" + id + "/diff?from=1&to=x")) {
			HttpResponse<String> page = web.get(path);
			assertThat(page.statusCode()).as(path).isBetween(400, 499);
			assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
			assertThat(page.body()).as(path).contains("<h1>").doesNotContain("\"code\"", "Exception");
		}
		String undecodable = raw("GET /ui/prompts/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(undecodable).startsWith("HTTP/1.1 400").containsPattern("(?i)content-type: text/html");
		assertProblem(this.api.get("/nope").send(), 404, "not_found");
	}

	@Test
	@Order(3)
	void changingAPasswordEndsTheUsersOtherSessions() {
		TestUser editor = createUser("editor");
		WebSession first = new WebSession(base());
		WebSession second = new WebSession(base());
		assertThat(first.login(editor.username(), editor.password())).endsWith("/ui/prompts");
		assertThat(second.login(editor.username(), editor.password())).endsWith("/ui/prompts");
		assertThat(first.get("/ui/prompts").statusCode()).isEqualTo(200);
		assertThat(this.api.put("/users/" + editor.username() + "/password")
			.json(body("password", "a-new-password-1"))
			.send()
			.status()).isEqualTo(204);
		for (WebSession session : List.of(first, second)) {
			HttpResponse<String> after = session.get("/ui/prompts");
			assertThat(after.statusCode()).isEqualTo(302);
			assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/ui/login");
		}
		WebSession third = new WebSession(base());
		assertThat(third.login(editor.username(), "a-new-password-1")).endsWith("/ui/prompts");
		assertThat(editor.api()
			.put("/me/password")
			.json(body("old_password", "a-new-password-1", "password", "another-password-2"))
			.send()
			.status()).isEqualTo(204);
		assertThat(third.get("/ui/prompts").statusCode()).as("a change by the user through the API").isEqualTo(302);
	}

	@Test
	@Order(4)
	void invisibleCharactersAreShownInDiffsAndConfirmations() {
		TestUser maintainer = createUser("maintainer");
		Api.Response created = createPrompt(uniqueName("trojan"), "access = user\n");
		String id = created.text("id");
		assertThat(this.api.patch("/prompts/" + id)
			.json(body("content", "access = user\u202e \u2066admin\u2069\u200b\n"))
			.send()
			.status()).isEqualTo(200);
		WebSession web = new WebSession(base());
		web.login(maintainer.username(), maintainer.password());
		for (String path : List.of("/ui/prompts/" + id + "/diff?from=1&to=2",
				"/ui/prompts/" + id + "/versions/1/revert", "/ui/prompts/" + id + "/diff?from=1&to=2&view=split")) {
			String page = web.get(path).body();
			assertThat(page).as(path).contains("[U+202E]", "[U+2066]", "[U+2069]", "[U+200B]").doesNotContain("\u202e");
		}
	}

	/**
	 * Runs last: afterwards this instance refuses this client's failed credentials for
	 * the window. The address's failures are shared by the web login and the API; the
	 * user's are counted on their own too ({@code WebLoginThrottleTest}).
	 */
	@Test
	@Order(5)
	void signInsAreThrottledButValidTokensStillWork() {
		TestUser victim = createUser("viewer");
		String id = createPrompt(uniqueName("throttled"), "still served").text("id");
		for (int i = 0; i < 3; i++) {
			assertThat(new WebSession(base()).login(victim.username(), "wrong-password-" + i))
				.endsWith("/ui/login?error");
		}
		assertThat(new WebSession(base()).login(victim.username(), victim.password()))
			.as("the right password is refused too while throttled")
			.endsWith("/ui/login?throttled");
		HttpResponse<String> notice = new WebSession(base()).get("/ui/login?throttled");
		assertThat(notice.body()).as(notice.statusCode() + " " + notice.headers().map())
			.contains("Too many failed sign-ins");

		assertProblem(this.api.as("plg_wrong_again").get("/me").send(), 429, "too_many_requests");
		assertThat(this.api.get("/me").send().status()).as("a valid token from a throttled address").isEqualTo(200);
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.get("/prompts/" + id).send().status()).as("hot read " + i).isEqualTo(200);
		}
		assertThat(this.api.get("/prompts/" + id).header("Cache-Control", "no-cache").send().status()).isEqualTo(200);
		assertProblem(this.api.as("plg_wrong_again").get("/prompts/" + id).send(), 429, "too_many_requests");
	}

	private String raw(String request) throws IOException {
		return RawHttp.send(this.port, request);
	}

}
