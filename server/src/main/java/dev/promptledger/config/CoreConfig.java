package dev.promptledger.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PromptledgerProperties.class)
class CoreConfig {

	/** Keeps the embedded database's folder and files private to their owner. */
	@Bean
	static EmbeddedDatabaseFiles embeddedDatabaseFiles() {
		return new EmbeddedDatabaseFiles();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	DatabaseKind databaseKind(DataSourceProperties dataSource) {
		return DatabaseKind.of(dataSource.determineUrl());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
