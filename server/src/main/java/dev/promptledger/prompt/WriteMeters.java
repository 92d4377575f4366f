package dev.promptledger.prompt;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.promptledger.ops.Committed;

/**
 * What the revert rules count for {@code /metrics}: {@code promptledger_reverts_total} by
 * outcome (the ledger counts the versions written).
 */
@Component
class WriteMeters {

	/** What a revert request came to. */
	enum RevertOutcome {

		WRITTEN, UNCHANGED, PREVIEW, CONFIRMATION_REQUIRED

	}

	private final Map<RevertOutcome, Counter> reverts = new EnumMap<>(RevertOutcome.class);

	WriteMeters(MeterRegistry registry) {
		for (RevertOutcome outcome : RevertOutcome.values()) {
			this.reverts.put(outcome,
					Counter.builder("promptledger.reverts")
						.description("Revert requests, by outcome")
						.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
						.register(registry));
		}
	}

	/**
	 * A written revert counts when it commits; the other outcomes at once (a refusal
	 * rolls back).
	 */
	void revert(RevertOutcome outcome) {
		if (outcome == RevertOutcome.WRITTEN) {
			Committed.increment(this.reverts.get(outcome));
		}
		else {
			this.reverts.get(outcome).increment();
		}
	}

}
