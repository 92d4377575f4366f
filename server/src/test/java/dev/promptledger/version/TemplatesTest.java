package dev.promptledger.version;

import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates in milliseconds: variables, escaping, missing names, and the size computed
 * before rendering.
 */
class TemplatesTest {

	@Test
	void variablesAreListedInOrderOfFirstUseAndEscapedOnesAreText() {
		assertThat(Templates.variables("Hi {{ name }}, {{team}} and {{name}}; \\{{literal}} {{1bad}} {{}}"))
			.containsExactly("name", "team");
		assertThat(Templates.variables("no placeholders")).isEmpty();
	}

	@Test
	void renderFillsInEveryPlaceholderAndKeepsEscapedOnesLiteral() {
		Templates.Rendering rendering = Templates.render("Hi {{name}} from {{ team }}, \\{{name}} $1 \\o/",
				Map.of("name", "Ada", "team", "$1 \\o/", "unused", "x"), 1 << 20);
		assertThat(rendering.content()).isEqualTo("Hi Ada from $1 \\o/, {{name}} $1 \\o/");
		assertThat(rendering.used()).containsExactly("name", "team");
		assertThat(rendering.missing()).isEmpty();
		assertThat(rendering.bytes())
			.isEqualTo(rendering.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
	}

	@Test
	void missingVariablesAreAllNamedAndNothingIsRendered() {
		Templates.Rendering rendering = Templates.render("{{a}} {{b}} {{a}}", Map.of(), 1 << 20);
		assertThat(rendering.content()).isNull();
		assertThat(rendering.missing()).containsExactly("a", "b");
	}

	@Test
	void anAnswerOverTheLimitIsRefusedBeforeItIsBuilt() {
		Templates.Rendering rendering = Templates.render("{{v}}".repeat(10), Map.of("v", "é".repeat(1000)), 19_999);
		assertThat(rendering.content()).isNull();
		assertThat(rendering.bytes()).isEqualTo(20_000);
		assertThat(Templates.render("{{v}}".repeat(10), Map.of("v", "é".repeat(1000)), 20_000).content())
			.hasSize(10_000);
	}

	@Property(tries = 300)
	void theComputedSizeIsTheRenderedSize(@ForAll @StringLength(max = 60) String text,
			@ForAll @StringLength(max = 20) String value) {
		String template = text.replace("{", "").replace("}", "").replace("\\", "") + "{{v}}" + text + "\\{{v}}";
		Templates.Rendering rendering = Templates.render(template, Map.of("v", value), Long.MAX_VALUE);
		assertThat(rendering.bytes())
			.isEqualTo(rendering.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
	}

}
