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

	public SecondNode(String... settings) {
		String[] args = new String[4 + settings.length];
		args[0] = "--server.port=0";
		args[1] = "--spring.datasource.url=" + PostgresDatabase.url();
		args[2] = "--spring.datasource.username=" + PostgresDatabase.user();
		args[3] = "--spring.datasource.password=" + PostgresDatabase.password();
		for (int i = 0; i < settings.length; i++) {
			args[4 + i] = "--" + settings[i];
		}
		this.context = new SpringApplicationBuilder(PromptledgerApplication.class).profiles("pgtest").run(args);
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
