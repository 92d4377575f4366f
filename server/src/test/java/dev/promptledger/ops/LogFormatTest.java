package dev.promptledger.ops;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {

	private static StandardEnvironment environment(String format) {
		StandardEnvironment environment = new StandardEnvironment();
		if (format != null) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of(LogFormat.PROPERTY, format)));
		}
		new LogFormat().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void jsonTurnsOnStructuredConsoleLogging() {
		assertThat(environment("json").getProperty("logging.structured.format.console")).isEqualTo("logstash");
		assertThat(environment("JSON").getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void textOrNothingKeepsPlainLogs() {
		assertThat(environment("text").getProperty("logging.structured.format.console")).isNull();
		assertThat(environment(null).getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void anythingElseStopsTheStart() {
		assertThatThrownBy(() -> environment("xml")).hasMessageContaining("PROMPTLEDGER_LOG_FORMAT");
	}

}
