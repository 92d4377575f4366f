package dev.promptledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The template rules on their own (ClientIT holds them to the server's answers). */
class TemplatesTest {

	@Test
	void variablesAreNamedInOrderOfFirstUse() {
		assertThat(Templates.variables("{{b}} {{ a }} {{b}} \\{{c}} {{9x}} {{}}")).containsExactly("b", "a");
		assertThat(Templates.variables(List.of(Message.of("system", "{{x}}"), Message.placeholder("history"),
				Message.of("user", "{{x}} {{y}}"))))
			.containsExactly("x", "history", "y");
	}

	@Test
	void anEscapedPlaceholderIsLiteralAndValuesAreInsertedAsTheyAre() {
		Rendered rendered = Templates.render("\\{{a}} {{a}} $0 {{b}}", Map.of("a", "$1\\", "b", "{{a}}", "c", "x"),
				java.util.Set.of(), 3);
		assertThat(rendered.content()).isEqualTo("{{a}} $1\\ $0 {{a}}");
		assertThat(rendered.variablesUsed()).containsExactly("a", "b");
		assertThat(rendered.variablesUnused()).containsExactly("c");
		assertThat(rendered.version()).isEqualTo(3);
	}

	@Test
	void everyMissingNameIsReportedAtOnce() {
		assertThatThrownBy(() -> Templates.render(List.of(Message.of("user", "{{a}} {{b}}"), Message.placeholder("h")),
				Map.of("b", "1"), Map.of(), 1))
			.isInstanceOfSatisfying(PromptLedgerException.class, ex -> {
				assertThat(ex.code()).isEqualTo("missing_variables");
				assertThat(ex.missing()).containsExactly("a", "h");
			});
	}

	@Test
	void placeholdersBecomeTheMessagesGiven() {
		Rendered rendered = Templates.render(
				List.of(Message.of("system", "for {{who}}"), Message.placeholder("history")), Map.of("who", "Ada"),
				Map.of("history", List.of(Message.of("user", "{{who}} stays"))), 1);
		assertThat(rendered.messages()).containsExactly(Message.of("system", "for Ada"),
				Message.of("user", "{{who}} stays"));
	}

}
