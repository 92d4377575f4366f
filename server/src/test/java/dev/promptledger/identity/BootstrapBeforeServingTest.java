package dev.promptledger.identity;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.promptledger.PromptledgerApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap admin exists before the node takes its first request: a client that waits
 * for a healthy {@code /health} on a new database and then uses
 * {@code PROMPTLEDGER_ADMIN_TOKEN} is never refused (the client's process-level test was,
 * once, 130 ms after the start, when the admin was created after the server opened).
 */
class BootstrapBeforeServingTest {

	@Test
	void theAdminIsThereWhenTheServerOpens() {
		AtomicReference<Long> adminsWhenOpen = new AtomicReference<>();
		ApplicationListener<WebServerInitializedEvent> opened = event -> adminsWhenOpen
			.set(event.getApplicationContext()
				.getBean(JdbcClient.class)
				.sql("SELECT COUNT(*) FROM app_user WHERE username = 'admin'")
				.query(Long.class)
				.single());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PromptledgerApplication.class)
			.listeners(opened)
			.run("--server.port=0",
					"--spring.datasource.url=jdbc:h2:mem:bootstrap-order;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
					"--spring.datasource.username=sa", "--spring.datasource.password=",
					"--promptledger.admin-token=plg_bootstrap_order_token_0123456789abcdefghij")) {
			assertThat(adminsWhenOpen.get()).as("admins when the web server opened").isEqualTo(1L);
		}
	}

}
