package dev.promptledger.prompt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.promptledger.version.PromptType;

/**
 * What render counts for {@code /metrics}: {@code promptledger_renders_total} by the
 * prompt's type and the outcome ({@code rendered}, {@code missing_variables},
 * {@code too_large}).
 */
@Component
class RenderMeters {

	enum Outcome {

		RENDERED, MISSING_VARIABLES, TOO_LARGE

	}

	private final Map<String, Counter> counters = new HashMap<>();

	RenderMeters(MeterRegistry registry) {
		for (PromptType type : PromptType.values()) {
			for (Outcome outcome : Outcome.values()) {
				this.counters.put(key(type, outcome),
						Counter.builder("promptledger.renders")
							.description("Render requests, by prompt type and outcome")
							.tag("type", type.wireName())
							.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
							.register(registry));
			}
		}
	}

	void count(PromptType type, Outcome outcome) {
		this.counters.get(key(type, outcome)).increment();
	}

	private static String key(PromptType type, Outcome outcome) {
		return type.name() + "/" + outcome.name();
	}

}
