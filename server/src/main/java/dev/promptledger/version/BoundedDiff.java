package dev.promptledger.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A diff of two sequences of numbered elements whose cost is bounded by a budget of work,
 * whatever the input. Myers' algorithm costs time and memory that grow with the square of
 * the edit distance, so it runs only while the distance stays under {@link #MAX_DISTANCE}
 * and the work under the budget. A pair that exceeds either is cut at anchors (elements
 * that occur once on each side, in an order both sides share, as patience diff does) and
 * each piece between anchors is diffed the same way; a piece that still exceeds what is
 * left of the budget becomes one replaced block. Every answer is correct (applying it
 * rebuilds the new side); only its minimality is given up, and only for large rewrites.
 */
final class BoundedDiff {

	/**
	 * The largest edit distance Myers' algorithm explores; its trace costs about this
	 * squared in ints.
	 */
	static final int MAX_DISTANCE = 1_000;

	/** How deep anchoring recurses into pieces that are still too expensive. */
	private static final int MAX_DEPTH = 4;

	/**
	 * A region where the sides differ: {@code fromCount} elements at {@code fromPos}
	 * became {@code toCount} at {@code toPos}.
	 */
	record Delta(int fromPos, int fromCount, int toPos, int toCount) {
	}

	private final int[] a;

	private final int[] b;

	/** What is left of the budget. */
	private long work;

	/** Every step taken, the linear passes included. */
	private long steps;

	private final List<Delta> out = new ArrayList<>();

	private BoundedDiff(int[] a, int[] b, long budget) {
		this.a = a;
		this.b = b;
		this.work = budget;
	}

	/**
	 * The changes from {@code a} to {@code b}, in order, computed in at most about
	 * {@code budget} steps (an element comparison or a diagonal visited is one step)
	 * beyond a linear pass over both.
	 */
	static List<Delta> deltas(int[] a, int[] b, long budget) {
		return run(a, b, budget).deltas();
	}

	/** The deltas, and the steps it took to find them (for tests of the bound). */
	record Result(List<Delta> deltas, long steps) {
	}

	static Result run(int[] a, int[] b, long budget) {
		BoundedDiff diff = new BoundedDiff(a, b, budget);
		diff.range(0, a.length, 0, b.length, 0);
		return new Result(diff.out, diff.steps);
	}

	/** Counts work; only work beyond the linear passes draws on the budget. */
	private void spend(long n, boolean fromBudget) {
		this.steps += n;
		if (fromBudget) {
			this.work -= n;
		}
	}

	/**
	 * Diffs {@code a[aLo, aHi)} against {@code b[bLo, bHi)}, appending the deltas in
	 * order.
	 */
	private void range(int aLo, int aHi, int bLo, int bHi, int depth) {
		int trimmed = 0;
		while (aLo < aHi && bLo < bHi && this.a[aLo] == this.b[bLo]) {
			aLo++;
			bLo++;
			trimmed++;
		}
		while (aHi > aLo && bHi > bLo && this.a[aHi - 1] == this.b[bHi - 1]) {
			aHi--;
			bHi--;
			trimmed++;
		}
		spend(trimmed + 1, false);
		if (aLo == aHi || bLo == bHi) {
			block(aLo, aHi, bLo, bHi);
			return;
		}
		if (this.work > 0 && myers(aLo, aHi, bLo, bHi)) {
			return;
		}
		if (this.work > 0 && depth < MAX_DEPTH && anchored(aLo, aHi, bLo, bHi, depth)) {
			return;
		}
		block(aLo, aHi, bLo, bHi);
	}

	private void block(int aLo, int aHi, int bLo, int bHi) {
		if (aLo < aHi || bLo < bHi) {
			this.out.add(new Delta(aLo, aHi - aLo, bLo, bHi - bLo));
		}
	}

	/**
	 * Myers' greedy algorithm on the range, with its trace for the way back; false,
	 * having emitted nothing, when the distance or the budget runs out first.
	 */
	private boolean myers(int aLo, int aHi, int bLo, int bHi) {
		int n = aHi - aLo;
		int m = bHi - bLo;
		int maxD = Math.min(MAX_DISTANCE, n + m);
		int offset = maxD + 1;
		int[] v = new int[2 * maxD + 3];
		Arrays.fill(v, -1);
		v[offset + 1] = 0;
		List<int[]> trace = new ArrayList<>();
		for (int d = 0; d <= maxD; d++) {
			int kLo = lowest(d, m);
			int kHi = highest(d, n);
			for (int k = kLo; k <= kHi; k += 2) {
				int x = start(v, offset, k, n, m);
				v[offset + k] = x;
				if (x < 0) {
					continue;
				}
				int from = x;
				int y = x - k;
				while (x < n && y < m && this.a[aLo + x] == this.b[bLo + y]) {
					x++;
					y++;
				}
				spend(1 + x - from, true);
				v[offset + k] = x;
				if (x >= n && x - k >= m) {
					trace.add(Arrays.copyOfRange(v, offset + kLo, offset + kHi + 1));
					back(trace, d, n, m, aLo, bLo);
					return true;
				}
				if (this.work <= 0) {
					return false;
				}
			}
			trace.add(Arrays.copyOfRange(v, offset + kLo, offset + kHi + 1));
			spend(kHi - kLo + 1, true);
		}
		return false;
	}

	/**
	 * The lowest diagonal (x - y) worth visiting at distance d: none below -m, with d's
	 * parity.
	 */
	private static int lowest(int d, int m) {
		return d <= m ? -d : -m + ((d - m) & 1);
	}

	/**
	 * The highest diagonal worth visiting at distance d: none above n, with d's parity.
	 */
	private static int highest(int d, int n) {
		return d <= n ? d : n - ((d - n) & 1);
	}

	/**
	 * Where a path of one more edit starts on diagonal k: one down from diagonal k+1 or
	 * one right from k-1, whichever reaches further and stays inside the grid; -1 when
	 * neither has been reached.
	 */
	private static int start(int[] v, int offset, int k, int n, int m) {
		int down = v[offset + k + 1];
		if (down >= 0 && down - k > m) {
			down = -1;
		}
		int right = v[offset + k - 1] < 0 ? -1 : v[offset + k - 1] + 1;
		if (right > n) {
			right = -1;
		}
		return Math.max(down, right);
	}

	/**
	 * Walks the trace back from the end, emitting the deltas between the matched runs.
	 */
	private void back(List<int[]> trace, int distance, int n, int m, int aLo, int bLo) {
		List<int[]> runs = new ArrayList<>(); // {x, y, length}, last first
		int x = n;
		int y = m;
		for (int d = distance; d > 0; d--) {
			int k = x - y;
			int[] previous = trace.get(d - 1);
			int previousLo = lowest(d - 1, m);
			int down = at(previous, previousLo, k + 1);
			if (down >= 0 && down - k > m) {
				down = -1;
			}
			int right = at(previous, previousLo, k - 1);
			right = right < 0 || right + 1 > n ? -1 : right + 1;
			int fromX;
			int fromY;
			int midX;
			if (down >= right) {
				fromX = down;
				fromY = down - (k + 1);
				midX = fromX;
			}
			else {
				fromX = right - 1;
				fromY = fromX - (k - 1);
				midX = right;
			}
			runs.add(new int[] { midX, midX - k, x - midX });
			x = fromX;
			y = fromY;
		}
		runs.add(new int[] { 0, 0, x });
		int doneA = 0;
		int doneB = 0;
		for (int i = runs.size() - 1; i >= 0; i--) {
			int[] run = runs.get(i);
			if (run[2] == 0) {
				continue;
			}
			block(aLo + doneA, aLo + run[0], bLo + doneB, bLo + run[1]);
			doneA = run[0] + run[2];
			doneB = run[1] + run[2];
		}
		block(aLo + doneA, aLo + n, bLo + doneB, bLo + m);
	}

	private static int at(int[] row, int lo, int k) {
		int i = k - lo;
		return i < 0 || i >= row.length ? -1 : row[i];
	}

	/**
	 * Cuts the range at anchors: elements that occur once on each side, the longest chain
	 * of them in an order both sides share. False, having emitted nothing, when there is
	 * none.
	 */
	private boolean anchored(int aLo, int aHi, int bLo, int bHi, int depth) {
		spend(2L * ((aHi - aLo) + (bHi - bLo)), true);
		java.util.Map<Integer, int[]> seen = new java.util.HashMap<>(); // id -> {count in
																		// a, pos in a,
																		// count in b, pos
																		// in b}
		for (int i = aLo; i < aHi; i++) {
			int[] s = seen.computeIfAbsent(this.a[i], id -> new int[4]);
			s[0]++;
			s[1] = i;
		}
		for (int j = bLo; j < bHi; j++) {
			int[] s = seen.get(this.b[j]);
			if (s != null) {
				s[2]++;
				s[3] = j;
			}
		}
		List<int[]> pairs = new ArrayList<>();
		for (int i = aLo; i < aHi; i++) {
			int[] s = seen.get(this.a[i]);
			if (s[0] == 1 && s[2] == 1) {
				pairs.add(new int[] { i, s[3] });
			}
		}
		spend(pairs.size() * (long) (33 - Integer.numberOfLeadingZeros(pairs.size() + 1)), true);
		List<int[]> chain = longestIncreasing(pairs);
		if (chain.isEmpty()) {
			return false;
		}
		int doneA = aLo;
		int doneB = bLo;
		for (int[] anchor : chain) {
			range(doneA, anchor[0], doneB, anchor[1], depth + 1);
			doneA = anchor[0] + 1;
			doneB = anchor[1] + 1;
		}
		range(doneA, aHi, doneB, bHi, depth + 1);
		return true;
	}

	/**
	 * The longest subsequence of pairs (in order of their first) whose seconds increase
	 * too.
	 */
	private static List<int[]> longestIncreasing(List<int[]> pairs) {
		int[] tails = new int[pairs.size()];
		int[] before = new int[pairs.size()];
		int length = 0;
		for (int i = 0; i < pairs.size(); i++) {
			int value = pairs.get(i)[1];
			int lo = 0;
			int hi = length;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (pairs.get(tails[mid])[1] < value) {
					lo = mid + 1;
				}
				else {
					hi = mid;
				}
			}
			before[i] = lo > 0 ? tails[lo - 1] : -1;
			tails[lo] = i;
			if (lo == length) {
				length++;
			}
		}
		List<int[]> chain = new ArrayList<>(length);
		for (int i = length == 0 ? -1 : tails[length - 1]; i >= 0; i = before[i]) {
			chain.add(pairs.get(i));
		}
		java.util.Collections.reverse(chain);
		return chain;
	}

}
