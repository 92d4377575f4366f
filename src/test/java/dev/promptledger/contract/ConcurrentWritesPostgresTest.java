package dev.promptledger.contract;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.promptledger.PromptledgerApplication;
import dev.promptledger.support.Api;
import dev.promptledger.support.OnPostgres;
import dev.promptledger.support.PostgresDatabase;

/** The same writers, spread over two server nodes that share one PostgreSQL database. */
@OnPostgres
class ConcurrentWritesPostgresTest extends ConcurrentWritesContract {

	private static ConfigurableApplicationContext secondNode;

	@BeforeAll
	static void startSecondNode() {
		secondNode = new SpringApplicationBuilder(PromptledgerApplication.class).profiles("pgtest")
			.run("--server.port=0", "--spring.datasource.url=" + PostgresDatabase.url(),
					"--spring.datasource.username=" + PostgresDatabase.user(),
					"--spring.datasource.password=" + PostgresDatabase.password());
	}

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	@Override
	protected List<Api> nodes() {
		String port = secondNode.getEnvironment().getProperty("local.server.port");
		return List.of(this.api, new Api("http://127.0.0.1:" + port, this.adminToken));
	}

}
