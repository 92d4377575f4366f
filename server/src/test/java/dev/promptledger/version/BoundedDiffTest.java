package dev.promptledger.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded diff is always correct (its deltas turn one side into the other), minimal
 * while within its budget, and never does more work than its budget plus a few linear
 * passes, for any pair up to the content limit: lopsided, repetitive or built to defeat
 * it.
 */
class BoundedDiffTest {

	private static final int CONTENT_LIMIT = 1 << 20;

	@Provide
	Arbitrary<int[]> small() {
		return Arbitraries.integers().between(0, 4).array(int[].class).ofMaxSize(40);
	}

	@Property(tries = 2000)
	void smallPairsGetACorrectMinimalDiff(@ForAll("small") int[] a, @ForAll("small") int[] b) {
		List<BoundedDiff.Delta> deltas = BoundedDiff.deltas(a, b, 1_000_000);
		assertRebuilds(a, b, deltas);
		long edits = deltas.stream().mapToLong(d -> d.fromCount() + d.toCount()).sum();
		assertThat(edits).isEqualTo(a.length + b.length - 2L * lcs(a, b));
	}

	@Property(tries = 300)
	void anyBudgetGivesACorrectAnswer(@ForAll("small") int[] a, @ForAll("small") int[] b,
			@ForAll @IntRange(max = 60) int budget) {
		assertRebuilds(a, b, BoundedDiff.deltas(a, b, budget));
	}

	@Property(tries = 40)
	void largeAdversarialPairsStayWithinTheBudget(@ForAll @IntRange(min = 0, max = 5) int shape,
			@ForAll @IntRange(min = 1, max = 1 << 18) int size, @ForAll long seed) {
		int[][] pair = pair(shape, size, new Random(seed));
		BoundedDiff.Result result = BoundedDiff.run(pair[0], pair[1], Diffs.BUDGET);
		assertRebuilds(pair[0], pair[1], result.deltas());
		assertThat(result.steps()).isLessThanOrEqualTo(bound(Diffs.BUDGET, pair[0].length + pair[1].length));
	}

	@Test
	void theWorstCasesAtTheContentLimitStayWithinTheBudget() {
		String three = "one\ntwo\nthree\n";
		String emptyLines = "\n".repeat(CONTENT_LIMIT);
		check(Sequence.pair(three, emptyLines, Sequence.Cut.LINES), Diffs.BUDGET);
		check(Sequence.pair(emptyLines, three, Sequence.Cut.LINES), Diffs.BUDGET);
		check(Sequence.pair("x", ".".repeat(CONTENT_LIMIT), Sequence.Cut.TOKENS), TokenDelta.BUDGET);
		check(Sequence.pair("a\nb\n".repeat(CONTENT_LIMIT / 4), "b\na\n".repeat(CONTENT_LIMIT / 4), Sequence.Cut.LINES),
				Diffs.BUDGET);
		Random random = new Random(7);
		check(Sequence.pair(randomLines(random, CONTENT_LIMIT), randomLines(random, CONTENT_LIMIT), Sequence.Cut.LINES),
				Diffs.BUDGET);
		check(Sequence.pair(randomWords(random, CONTENT_LIMIT), randomWords(random, CONTENT_LIMIT),
				Sequence.Cut.TOKENS), TokenDelta.BUDGET);
	}

	@Test
	void aLargeTextWithScatteredEditsStillGetsSmallDeltas() {
		Random random = new Random(11);
		StringBuilder before = new StringBuilder();
		StringBuilder after = new StringBuilder();
		for (int i = 0; i < 20_000; i++) {
			String line = "line " + i + " says " + random.nextInt(1000) + "\n";
			before.append(line);
			after.append(i % 10 == 0 ? "changed " + line : line);
		}
		Sequence[] lines = Sequence.pair(before.toString(), after.toString(), Sequence.Cut.LINES);
		List<BoundedDiff.Delta> deltas = Diffs.deltas(lines[0], lines[1], Diffs.BUDGET);
		assertThat(deltas).hasSize(2_000).allSatisfy(d -> assertThat(d.fromCount() + d.toCount()).isEqualTo(2));
	}

	private static void check(Sequence[] sides, long budget) {
		BoundedDiff.Result result = BoundedDiff.run(sides[0].ids(), sides[1].ids(), budget);
		assertRebuilds(sides[0].ids(), sides[1].ids(), result.deltas());
		assertThat(result.steps()).isLessThanOrEqualTo(bound(budget, sides[0].size() + sides[1].size()));
	}

	/**
	 * The budget, plus the linear passes: trimming at each depth, and one last snake past
	 * the budget.
	 */
	private static long bound(long budget, long length) {
		return budget + 8 * length + 2 * BoundedDiff.MAX_DISTANCE + 16;
	}

	private static int[][] pair(int shape, int size, Random random) {
		return switch (shape) {
			case 0 -> new int[][] { ints(3, random, 3), new int[size] }; // lopsided: a
																			// few against
																			// many equal
			case 1 -> new int[][] { ints(size, random, 2), ints(size, random, 2) }; // two
																					// symbols
			case 2 -> new int[][] { ints(size, random, size), ints(size, random, size) }; // unrelated
			case 3 -> new int[][] { alternating(size, 0), alternating(size, 1) }; // shifted
																					// by
																					// one
			case 4 -> { // a long text with one element in ten changed
				int[] a = ints(size, random, 1 << 30);
				int[] b = a.clone();
				for (int i = 0; i < b.length; i += 10) {
					b[i] = -1 - i;
				}
				yield new int[][] { a, b };
			}
			default -> new int[][] { ints(size / 2, random, 1), ints(size, random, 1) }; // all
																							// equal,
																							// lopsided
		};
	}

	private static int[] ints(int size, Random random, int bound) {
		int[] values = new int[size];
		for (int i = 0; i < size; i++) {
			values[i] = random.nextInt(bound);
		}
		return values;
	}

	private static int[] alternating(int size, int phase) {
		int[] values = new int[size];
		for (int i = 0; i < size; i++) {
			values[i] = (i + phase) % 2;
		}
		return values;
	}

	private static String randomLines(Random random, int chars) {
		StringBuilder text = new StringBuilder(chars);
		while (text.length() < chars - 8) {
			text.append((char) ('a' + random.nextInt(3))).append(random.nextInt(10)).append('\n');
		}
		return text.toString();
	}

	private static String randomWords(Random random, int chars) {
		StringBuilder text = new StringBuilder(chars);
		while (text.length() < chars - 8) {
			text.append(random.nextBoolean() ? "a" : "b").append(random.nextBoolean() ? " " : ".");
		}
		return text.toString();
	}

	/**
	 * The deltas turn {@code a} into {@code b} (compared whole: AssertJ's report on large
	 * arrays is quadratic).
	 */
	static void assertRebuilds(int[] a, int[] b, List<BoundedDiff.Delta> deltas) {
		int[] rebuilt = apply(a, b, deltas);
		assertThat(java.util.Arrays.equals(rebuilt, b)).as("rebuilt %d of %d elements", rebuilt.length, b.length)
			.isTrue();
	}

	/**
	 * Applies deltas to {@code a}, checking that what they keep is equal on both sides.
	 */
	static int[] apply(int[] a, int[] b, List<BoundedDiff.Delta> deltas) {
		List<Integer> out = new ArrayList<>();
		int doneA = 0;
		int doneB = 0;
		for (BoundedDiff.Delta d : deltas) {
			assertThat(d.fromPos() - doneA).as("kept run").isEqualTo(d.toPos() - doneB).isGreaterThanOrEqualTo(0);
			for (int i = doneA; i < d.fromPos(); i++) {
				if (a[i] != b[doneB + i - doneA]) {
					throw new AssertionError("kept element " + i + " differs");
				}
				out.add(a[i]);
			}
			for (int j = d.toPos(); j < d.toPos() + d.toCount(); j++) {
				out.add(b[j]);
			}
			doneA = d.fromPos() + d.fromCount();
			doneB = d.toPos() + d.toCount();
		}
		assertThat(a.length - doneA).as("kept tail").isEqualTo(b.length - doneB);
		for (int i = doneA; i < a.length; i++) {
			if (a[i] != b[doneB + i - doneA]) {
				throw new AssertionError("kept element " + i + " of the tail differs");
			}
			out.add(a[i]);
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int lcs(int[] a, int[] b) {
		int[][] table = new int[a.length + 1][b.length + 1];
		for (int i = 1; i <= a.length; i++) {
			for (int j = 1; j <= b.length; j++) {
				table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1
						: Math.max(table[i - 1][j], table[i][j - 1]);
			}
		}
		return table[a.length][b.length];
	}

}
