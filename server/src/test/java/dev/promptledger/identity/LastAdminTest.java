package dev.promptledger.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two admins demoting each other at the same moment, on one node (H2) or on two nodes
 * (PostgreSQL), always leave one active admin; and {@code reset-admin} is the way back in
 * should there be none.
 */
class LastAdminTest {

	private static final int ROUNDS = 12;

	@Test
	void onH2() throws Exception {
		String url = Cli.h2("last-admin");
		try (Node node = Node.start(url, "sa", "")) {
			race(node, node);
		}
		resetAdmin(url, "sa", "");
	}

	@Test
	void onTwoPostgresNodes() throws Exception {
		if (PostgresDatabase.unreachableReason() != null && System.getenv("CI") == null) {
			return;
		}
		String url = PostgresDatabase.scratch("last_admin");
		try (Node first = Node.start(url, PostgresDatabase.user(), PostgresDatabase.password());
				Node second = Node.start(url, PostgresDatabase.user(), PostgresDatabase.password())) {
			race(first, second);
		}
		resetAdmin(url, PostgresDatabase.user(), PostgresDatabase.password());
	}

	/**
	 * Each round, {@code admin} demotes {@code other} while {@code other} demotes
	 * {@code admin}.
	 */
	private static void race(Node one, Node two) throws Exception {
		Api admin = one.api();
		assertThat(admin.post("/users").json(Map.of("username", "other", "role", "admin")).send().status())
			.isEqualTo(201);
		String otherToken = admin.post("/users/other/tokens").json(Map.of()).send().text("token");
		Api other = two.api().as(otherToken);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				CyclicBarrier together = new CyclicBarrier(2);
				boolean disable = round % 2 == 1;
				Future<Integer> first = pool.submit(() -> demote(admin, "other", disable, together));
				Future<Integer> second = pool.submit(() -> demote(other, "admin", disable, together));
				List<Integer> statuses = new ArrayList<>(List.of(first.get(), second.get()));
				long active = one.jdbc()
					.sql("SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND disabled = FALSE")
					.query(Long.class)
					.single();
				assertThat(active).as("active admins after round %d (answers %s)", round, statuses).isEqualTo(1);
				assertThat(statuses).contains(200);
				assertThat(statuses).containsAnyOf(403, 409, 401);
				Api survivor = first.get() == 200 ? admin : other;
				String demoted = first.get() == 200 ? "other" : "admin";
				assertThat(survivor.patch("/users/" + demoted)
					.json(Map.of("role", "admin", "disabled", false))
					.send()
					.status()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static int demote(Api api, String username, boolean disable, CyclicBarrier together) throws Exception {
		Api.Call call = api.patch("/users/" + username)
			.json(disable ? Map.of("disabled", true) : Map.of("role", "editor"));
		together.await();
		return call.send().status();
	}

	/**
	 * With every admin demoted behind the API's back, reset-admin gives {@code admin}
	 * back with a new token.
	 */
	private static void resetAdmin(String url, String user, String password) {
		try (Node node = Node.start(url, user, password)) {
			node.jdbc().sql("UPDATE app_user SET role = 'viewer', disabled = TRUE").update();
		}
		Cli.Result reset = Cli.run(url, user, password, "reset-admin");
		assertThat(reset.exit()).as(reset.err()).isZero();
		assertThat(reset.out()).contains("Re-enabled the user 'admin'");
		String token = reset.out().lines().filter(line -> line.startsWith("plg_")).findFirst().orElseThrow();
		try (Node node = Node.start(url, user, password)) {
			Api api = new Api(node.api().base(), token);
			assertThat(api.get("/me").send().text("role")).isEqualTo("admin");
			assertThat(api.get("/users").send().status()).isEqualTo(200);
			assertThat(api.get("/audit?action=user.update&limit=1")
				.send()
				.json()
				.get("items")
				.get(0)
				.get("details")
				.get("by")
				.asString()).isEqualTo("reset-admin");
		}
		assertThat(Cli.run(url, user, password, "reset-admin", "extra").exit()).isEqualTo(2);
	}

}
