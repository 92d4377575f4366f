package dev.promptledger.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The multi-process tests need PostgreSQL; with {@code CI} set, its absence fails the
 * build.
 */
public class PostgresAvailableForIT implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String reason = PostgresDatabase.unreachableReason();
		if (reason == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
		}
		String ci = System.getenv("CI");
		if (ci != null && !ci.isBlank() && !ci.equals("false")) {
			throw new IllegalStateException("CI is set and PostgreSQL is not reachable: " + reason);
		}
		return ConditionEvaluationResult.disabled("PostgreSQL is not reachable: " + reason);
	}

}
