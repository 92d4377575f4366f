package dev.promptledger.prompt;

import java.util.function.UnaryOperator;

import dev.promptledger.version.PromptState;

/**
 * The body of PATCH (RFC 7396): only the fields it names change. {@code name} and
 * {@code content} are null when absent; {@code description} applies when
 * {@code setsDescription}, null clearing it.
 */
public record PromptPatch(String name, String content, boolean setsDescription, String description, String message) {

	UnaryOperator<PromptState> merge() {
		return current -> new PromptState(this.name != null ? this.name : current.name(),
				this.content != null ? this.content : current.content(),
				this.setsDescription ? this.description : current.description());
	}

}
