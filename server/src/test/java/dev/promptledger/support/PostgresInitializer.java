package dev.promptledger.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test context at this run's PostgreSQL database. */
class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("promptledger-test-postgres",
					Map.of("spring.datasource.url", PostgresDatabase.url(), "spring.datasource.username",
							PostgresDatabase.user(), "spring.datasource.password", PostgresDatabase.password())));
	}

}
