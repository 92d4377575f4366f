package dev.promptledger.reliability;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.promptledger.PromptledgerApplication;
import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.OnPostgres;
import dev.promptledger.support.PostgresDatabase;
import dev.promptledger.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a node and comes back: meanwhile every request is answered
 * quickly (503 with Retry-After, /health DOWN), and afterwards the node serves again
 * without a restart.
 */
@OnPostgres
class DatabaseOutagePostgresTest extends ApiTestBase {

	private static TcpProxy proxy;

	private static ConfigurableApplicationContext node;

	@BeforeAll
	static void startNodeBehindProxy() throws Exception {
		URI database = URI.create(PostgresDatabase.url().substring("jdbc:".length()));
		proxy = new TcpProxy(database.getHost(), database.getPort());
		String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath()
				+ (database.getQuery() == null ? "" : "?" + database.getQuery());
		node = new SpringApplicationBuilder(PromptledgerApplication.class).profiles("pgtest")
			.run("--server.port=0", "--spring.datasource.url=" + url,
					"--spring.datasource.username=" + PostgresDatabase.user(),
					"--spring.datasource.password=" + PostgresDatabase.password());
	}

	@AfterAll
	static void stop() throws Exception {
		if (node != null) {
			node.close();
		}
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void writesAnswer503QuicklyWhileTheDatabaseIsAwayAndResumeAfter() throws Exception {
		Api api = new Api("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port"),
				this.adminToken);
		Api.Response created = api.post("/prompts")
			.json(body("name", uniqueName("outage"), "content", "before"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		String id = created.text("id");
		String name = created.text("name");

		proxy.cut();
		ExecutorService pool = Executors.newFixedThreadPool(12);
		List<Future<long[]>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			int n = i;
			calls.add(pool.submit(() -> {
				long start = System.nanoTime();
				Api.Response response = api.put("/prompts/" + id)
					.json(body("name", name, "content", "during " + n))
					.send();
				assertThat(response.contentType()).startsWith("application/problem+json");
				assertThat(response.text("code")).isEqualTo("service_unavailable");
				assertThat(response.header("Retry-After")).isNotBlank();
				return new long[] { response.status(), (System.nanoTime() - start) / 1_000_000 };
			}));
		}
		List<Long> millis = new ArrayList<>();
		for (Future<long[]> call : calls) {
			long[] result = call.get(30, TimeUnit.SECONDS);
			assertThat(result[0]).isEqualTo(503);
			millis.add(result[1]);
		}
		pool.shutdown();
		System.out.println("Answers during the outage, ms: " + millis);
		assertThat(millis).allMatch(ms -> ms < 6000);
		Api.Response health = api.get("/health").anonymous().send();
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.text("status")).isEqualTo("DOWN");

		proxy.restore();
		long deadline = System.currentTimeMillis() + 15_000;
		Api.Response after;
		do {
			Thread.sleep(200);
			after = api.put("/prompts/" + id).json(body("name", name, "content", "after")).send();
		}
		while (after.status() != 200 && System.currentTimeMillis() < deadline);
		assertThat(after.status()).as("service resumes without a restart").isEqualTo(200);
		assertThat(api.get("/health").anonymous().send().text("status")).isEqualTo("UP");
		assertThat(this.api.get("/prompts/" + id).header("Cache-Control", "no-cache").send().text("content"))
			.isEqualTo("after");
		assertThat(this.api.get("/prompts/" + id + "/versions").send().json().get("items"))
			.as("no write of the outage landed")
			.hasSize(2);
	}

}
