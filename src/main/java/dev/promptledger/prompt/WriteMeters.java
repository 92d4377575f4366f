package dev.promptledger.prompt;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.promptledger.ops.Committed;
import dev.promptledger.version.ChangeType;

/**
 * What the write path counts for {@code /metrics}:
 * {@code promptledger_versions_written_total} by change type and
 * {@code promptledger_reverts_total} by outcome. Writes count once committed.
 */
@Component
class WriteMeters {

	/** What a revert request came to. */
	enum RevertOutcome {

		WRITTEN, UNCHANGED, PREVIEW, CONFIRMATION_REQUIRED

	}

	private final Map<ChangeType, Counter> versions = new EnumMap<>(ChangeType.class);

	private final Map<RevertOutcome, Counter> reverts = new EnumMap<>(RevertOutcome.class);

	WriteMeters(MeterRegistry registry) {
		for (ChangeType type : ChangeType.values()) {
			this.versions.put(type,
					Counter.builder("promptledger.versions.written")
						.description("Versions written, by change type")
						.tag("change_type", type.wireName())
						.register(registry));
		}
		for (RevertOutcome outcome : RevertOutcome.values()) {
			this.reverts.put(outcome,
					Counter.builder("promptledger.reverts")
						.description("Revert requests, by outcome")
						.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
						.register(registry));
		}
	}

	void versionWritten(ChangeType type) {
		Committed.increment(this.versions.get(type));
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
