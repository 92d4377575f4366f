package dev.promptledger.http;

import java.util.UUID;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids in URLs: exactly the canonical form of a UUID, in either case, names something.
 */
class IdsTest {

	/**
	 * The canonical form, as a regular expression: what the hand-written check must
	 * match.
	 */
	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	@Test
	void canonicalUuidsParseAndNothingElseDoes() {
		UUID id = UUID.randomUUID();
		assertThat(Ids.parse(id.toString())).isEqualTo(id);
		assertThat(Ids.parse(id.toString().toUpperCase(java.util.Locale.ROOT))).isEqualTo(id);
		assertThat(Ids.parse(null)).isNull();
		assertThat(Ids.parse("")).isNull();
		assertThat(Ids.parse(id.toString().replace("-", ""))).isNull();
		assertThat(Ids.parse("1-1-1-1-1")).as("UUID.fromString takes it; a URL's id may not").isNull();
		assertThat(Ids.parse(id + " ")).isNull();
		assertThat(Ids.parse("g" + id.toString().substring(1))).isNull();
		assertThat(Ids.parse("\uFF10" + id.toString().substring(1))).as("a full-width digit").isNull();
		assertThat(Ids.parse("\u0663" + id.toString().substring(1))).as("an Arabic-Indic digit").isNull();
	}

	@Property(tries = 2000)
	void acceptsExactlyWhatTheCanonicalPatternMatches(@ForAll("nearlyUuids") String value) {
		assertThat(Ids.parse(value) != null).as(value).isEqualTo(CANONICAL.matcher(value).matches());
	}

	/** UUIDs with a character or two changed, dropped or added. */
	@Provide
	Arbitrary<String> nearlyUuids() {
		Arbitrary<Character> odd = Arbitraries.of('-', 'g', 'G', 'F', 'f', '0', '9', ' ', '\u0663', '\uFF21', 'a');
		return Arbitraries.create(UUID::randomUUID).flatMap(id -> {
			String text = id.toString();
			return Arbitraries.integers()
				.between(0, 36)
				.flatMap(at -> odd.flatMap(c -> Arbitraries.of(
						text.substring(0, Math.min(at, 35)) + c + text.substring(Math.min(at, 35) + 1),
						text.substring(0, at) + c + text.substring(at),
						text.substring(0, Math.min(at, 35)) + text.substring(Math.min(at, 35) + 1), text,
						text.toUpperCase(java.util.Locale.ROOT))));
		});
	}

}
