package dev.promptledger.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordDiffTest {

	@Test
	void marksOnlyTheWordsThatChanged() {
		WordDiff.Marked marked = WordDiff.of("Welcome to the shop.", "Welcome to our shop!");
		assertThat(marked.before()).isEqualTo("Welcome to <mark class=\"w\">the</mark> shop<mark class=\"w\">.</mark>");
		assertThat(marked.after()).isEqualTo("Welcome to <mark class=\"w\">our</mark> shop<mark class=\"w\">!</mark>");
	}

	@Test
	void anInsertionMarksOnlyTheNewSide() {
		WordDiff.Marked marked = WordDiff.of("Answer briefly.", "Answer very briefly.");
		assertThat(marked.before()).isEqualTo("Answer briefly.");
		assertThat(marked.after()).isEqualTo("Answer <mark class=\"w\">very </mark>briefly.");
	}

	@Test
	void escapesHtmlAndShowsInvisibleCharacters() {
		WordDiff.Marked marked = WordDiff.of("say <b>hi</b>", "say <b>hi\u202e</b>");
		assertThat(marked.before()).isEqualTo("say &lt;b&gt;hi&lt;/b&gt;");
		assertThat(marked.after()).contains("<mark class=\"w\"><span class=\"invisible-char\"", "U+202E")
			.startsWith("say &lt;b&gt;hi");
	}

	@Test
	void linesThatShareLittleOrAreHugeAreNotCompared() {
		assertThat(WordDiff.of("You are a pirate.", "Respond only in JSON, always.")).isNull();
		assertThat(WordDiff.of("same", "same")).isNull();
		String longLine = "word ".repeat(1_000);
		assertThat(WordDiff.of(longLine, longLine + "more")).as("over the bound").isNull();
	}

	@Test
	void wordsInAnyScriptAreWholeWords() {
		WordDiff.Marked marked = WordDiff.of("Привет, мир", "Привет, друг");
		assertThat(marked.after()).isEqualTo("Привет, <mark class=\"w\">друг</mark>");
	}

}
