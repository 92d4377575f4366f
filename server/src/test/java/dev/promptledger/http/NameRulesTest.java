package dev.promptledger.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name rules of the contract, checked in milliseconds. */
class NameRulesTest {

	@Test
	void segmentsAreLettersDigitsDotsUnderscoresAndDashesButNotDotOrDotDot() {
		assertThat(NameRules.segmentProblem("support-v2.final_1", 50)).isNull();
		for (String bad : new String[] { "", ".", "..", "a b", "a/b", "ä", "a\u202e", "x".repeat(51) }) {
			assertThat(NameRules.segmentProblem(bad, 50)).as("'%s'", bad).isNotNull();
		}
	}

	@Test
	void pathsAreSegmentsSeparatedBySlashes() {
		assertThat(NameRules.pathProblem("team/support/greeting", 200)).isNull();
		for (String bad : new String[] { "", "/a", "a/", "a//b", "a/../b", "a/./b", "x".repeat(201) }) {
			assertThat(NameRules.pathProblem(bad, 200)).as("'%s'", bad).isNotNull();
		}
	}

	@Test
	void slugsMakeValidSegmentsOfAnyTitle() {
		assertThat(NameRules.slug("Linux Terminal", 50)).isEqualTo("Linux-Terminal");
		assertThat(NameRules.slug("UX/UI Developer", 50)).isEqualTo("UX-UI-Developer");
		assertThat(NameRules.slug("Café crème", 50)).isEqualTo("Cafe-creme");
		assertThat(NameRules.slug("中文", 50)).isNull();
		assertThat(NameRules.slug("a".repeat(60) + " tail", 50)).hasSize(50);
		assertThat(NameRules.segmentProblem(NameRules.slug("...Weird -- title!!", 50), 50)).isNull();
	}

}
