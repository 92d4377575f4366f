package dev.promptledger.ops;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code PROMPTLEDGER_LOG_FORMAT}: {@code text} (the default) or {@code json}, which
 * turns on Spring Boot's structured console logging in the Logstash JSON layout (one JSON
 * object a line, with the request id from the MDC). Anything else stops the start with a
 * clear message.
 */
public class LogFormat implements EnvironmentPostProcessor {

	static final String PROPERTY = "promptledger.log-format";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
		switch (format) {
			case "", "text" -> {
			}
			case "json" -> environment.getPropertySources()
				.addFirst(new MapPropertySource("promptledger-log-format",
						Map.of("logging.structured.format.console", "logstash")));
			default -> throw new IllegalStateException(
					"PROMPTLEDGER_LOG_FORMAT must be 'text' or 'json', not '" + format + "'");
		}
	}

}
