package dev.promptledger.identity;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.context.TestPropertySource;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.OnH2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour that needs an instance of its own: a database whose only user is the
 * bootstrap admin, and a low limit of failed authentications.
 */
@OnH2
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = { "promptledger.auth-failure-limit=3", "promptledger.auth-failure-window=30s" })
class FreshInstanceTest extends ApiTestBase {

	@Test
	@Order(1)
	void theBootstrapAdminExistsOnceAndCannotRemoveTheLastAdmin() {
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single()).isEqualTo(1);
		assertProblem(this.api.patch("/users/admin").raw("application/json", "{\"role\": \"maintainer\"}").send(), 409,
				"last_admin");
		assertProblem(this.api.patch("/users/admin").raw("application/json", "{\"disabled\": true}").send(), 409,
				"last_admin");
		TestUser second = createUser("admin");
		Api.Response demoted = this.api.patch("/users/admin")
			.raw("application/json", "{\"role\": \"maintainer\"}")
			.send();
		assertThat(demoted.status()).as("another admin exists now").isEqualTo(200);
		assertProblem(second.api()
			.patch("/users/" + second.username())
			.raw("application/json", "{\"disabled\": true}")
			.send(), 409, "last_admin");
		assertThat(second.api().patch("/users/admin").raw("application/json", "{\"role\": \"admin\"}").send().status())
			.isEqualTo(200);
	}

	/**
	 * Runs last: afterwards this instance refuses the test client's failed credentials
	 * for the window.
	 */
	@Test
	@Order(2)
	void aClientThatKeepsFailingIsRefusedForAWhile() {
		for (int i = 0; i < 3; i++) {
			assertProblem(this.api.as("plg_wrong_" + i).get("/me").send(), 401, "unauthorized");
		}
		Api.Response refused = this.api.as("plg_wrong_again").get("/me").send();
		assertProblem(refused, 429, "too_many_requests");
		assertThat(refused.header("Retry-After")).isEqualTo("30");
		assertThat(this.api.get("/me").send().status()).as("valid credentials are never refused by the limiter")
			.isEqualTo(200);
		assertThat(this.api.get("/health").anonymous().send().status()).as("requests without credentials go on")
			.isEqualTo(200);
	}

}
