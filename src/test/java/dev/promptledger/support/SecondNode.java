package dev.promptledger.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.promptledger.PromptledgerApplication;

/**
 * Another promptledger node in the same JVM, on its own port, sharing this run's
 * PostgreSQL database.
 */
public final class SecondNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	public SecondNode() {
		this.context = new SpringApplicationBuilder(PromptledgerApplication.class).profiles("pgtest")
			.run("--server.port=0", "--spring.datasource.url=" + PostgresDatabase.url(),
					"--spring.datasource.username=" + PostgresDatabase.user(),
					"--spring.datasource.password=" + PostgresDatabase.password());
	}

	public String base() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
