package dev.promptledger.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.promptledger.version.ContentDiff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest diff a page can show: two contents at the 1 MiB limit whose every line
 * changed by one word. Words are marked only while the page's budget lasts; the rest stay
 * whole-line changes, so the page's cost does not grow with the content.
 */
class DiffViewTest {

	@Test
	void wordMarkingStopsAtThePagesBudgetOnTheLargestContent() {
		StringBuilder before = new StringBuilder();
		StringBuilder after = new StringBuilder();
		String filler = "word ".repeat(799);
		for (int line = 0; line < 256; line++) {
			before.append(filler).append("old\n");
			after.append(filler).append("new\n");
		}
		assertThat(before.length()).isGreaterThan(1_000_000).isLessThan(1 << 20);
		DiffView view = DiffView.of(ContentDiff.of("a", before.toString(), "b", after.toString()).hunks());
		List<DiffView.Row> added = view.hunks()
			.stream()
			.flatMap(hunk -> hunk.rows().stream())
			.filter(row -> row.kind().equals("add"))
			.toList();
		assertThat(added).hasSize(256);
		long marked = added.stream().filter(row -> row.marked() != null).count();
		assertThat(marked).as("pairs compared within %d characters", DiffView.WORD_DIFF_CHARS)
			.isEqualTo(DiffView.WORD_DIFF_CHARS / (2L * (filler.length() + 3)));
		assertThat(added.get(0).html()).endsWith("<mark class=\"w\">new</mark>");
		assertThat(added.get(255).marked()).isNull();
	}

}
