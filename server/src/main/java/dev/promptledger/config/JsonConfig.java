package dev.promptledger.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Times on the wire are RFC 3339 UTC with exactly three fraction digits:
 * {@code 2026-11-25T18:45:22.123Z}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

	static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Bean
	JsonMapperBuilderCustomizer millisecondInstants() {
		SimpleModule module = new SimpleModule("promptledger-times");
		module.addSerializer(Instant.class, new ValueSerializer<Instant>() {
			@Override
			public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
				gen.writeString(MILLIS.format(value));
			}
		});
		return builder -> builder.addModule(module);
	}

}
