package dev.promptledger.schema;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused schema into the plain "APPLICATION FAILED TO START" message, without a
 * stack trace.
 */
class SchemaFailureAnalyzer extends AbstractFailureAnalyzer<SchemaException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), null);
	}

}
