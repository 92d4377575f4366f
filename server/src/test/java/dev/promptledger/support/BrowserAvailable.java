package dev.promptledger.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests need Debian's chromium and chromium-driver; with {@code CI} set, their
 * absence fails the build.
 */
public class BrowserAvailable implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Browser.available()) {
			return ConditionEvaluationResult.enabled("chromium is installed");
		}
		String ci = System.getenv("CI");
		if (ci != null && !ci.isBlank() && !ci.equals("false")) {
			throw new IllegalStateException("CI is set and " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
					+ " is missing: install the chromium and chromium-driver packages");
		}
		System.err.println("WARNING: chromium or chromium-driver is not installed; skipping the browser tests.");
		return ConditionEvaluationResult.disabled("chromium is not installed");
	}

}
