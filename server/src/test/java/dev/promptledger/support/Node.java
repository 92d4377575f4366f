package dev.promptledger.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.PromptledgerApplication;

/**
 * A promptledger node in this JVM on a database of the test's choosing (H2 or
 * PostgreSQL), on a random port.
 */
public final class Node implements AutoCloseable {

	/** The bootstrap admin's token on every such node. */
	public static final String TOKEN = "plg_test_admin_token_0123456789abcdefghijklmnop";

	private final ConfigurableApplicationContext context;

	private Node(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a node on this database, as {@code java -jar} would (migrations, bootstrap,
	 * listener).
	 */
	public static Node start(String url, String user, String password, String... args) {
		List<String> all = new ArrayList<>(
				List.of("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
						"--spring.datasource.password=" + password, "--promptledger.admin-token=" + TOKEN));
		all.addAll(List.of(args));
		return new Node(new SpringApplicationBuilder(PromptledgerApplication.class).run(all.toArray(String[]::new)));
	}

	public Api api() {
		return new Api("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port"), TOKEN);
	}

	public JdbcClient jdbc() {
		return this.context.getBean(JdbcClient.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
