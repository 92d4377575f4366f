package dev.promptledger.prompt;

import java.util.function.UnaryOperator;

import dev.promptledger.version.PromptState;

/**
 * The body of POST and PUT: a whole prompt, and the optional message of the version it
 * makes.
 */
public record PromptDraft(String name, String content, String description, String message) {

	PromptState state() {
		return new PromptState(this.name, this.content, this.description);
	}

	/** PUT replaces every field; an omitted description becomes null. */
	UnaryOperator<PromptState> replacement() {
		return current -> state();
	}

}
