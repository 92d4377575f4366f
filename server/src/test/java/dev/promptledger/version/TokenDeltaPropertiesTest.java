package dev.promptledger.version;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word-level delta rebuilds its target exactly, wherever the texts start and stop
 * agreeing (inside a word, a run of spaces, a surrogate pair), and a small edit of a long
 * text stays a small delta.
 */
class TokenDeltaPropertiesTest {

	@Provide
	Arbitrary<String> texts() {
		// two emoji that share their high surrogate, so the texts can start or stop
		// agreeing inside a pair
		return Arbitraries.strings()
			.withChars("ab1 \t.,\n~^")
			.ofMaxLength(300)
			.map(text -> text.replace("~", "😀").replace("^", "😁"));
	}

	@Property(tries = 500)
	void rebuildsTheTargetFromTheBase(@ForAll("texts") String base, @ForAll("texts") String insert,
			@ForAll @IntRange(max = 400) int at, @ForAll @IntRange(max = 20) int cut) {
		int from = boundary(base, Math.min(at, base.length()));
		int to = boundary(base, Math.min(base.length(), from + cut));
		String target = base.substring(0, from) + insert + base.substring(to);
		assertThat(TokenDelta.apply(base, TokenDelta.encode(base, target))).isEqualTo(target);
		assertThat(TokenDelta.apply(target, TokenDelta.encode(target, base))).isEqualTo(base);
	}

	@Property(tries = 200)
	void unrelatedTextsRebuildToo(@ForAll("texts") String base, @ForAll("texts") String target) {
		assertThat(TokenDelta.apply(base, TokenDelta.encode(base, target))).isEqualTo(target);
	}

	@Property(tries = 100)
	void aSmallEditOfALongTextIsASmallDelta(@ForAll @IntRange(max = 4000) int at) {
		String base = "Answer clearly, cite sources, keep a friendly tone. ".repeat(80);
		int position = Math.min(at, base.length());
		String target = base.substring(0, position) + "really " + base.substring(position);
		assertThat(TokenDelta.encode(base, target).length).isLessThan(40);
	}

	/**
	 * Moves an index off the middle of a surrogate pair: the API never stores half of
	 * one.
	 */
	private static int boundary(String text, int index) {
		return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index + 1 : index;
	}

}
