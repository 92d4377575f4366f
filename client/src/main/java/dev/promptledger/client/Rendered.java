package dev.promptledger.client;

import java.util.List;

/**
 * A rendered prompt: a text's {@code content} or a chat's {@code messages} (the other is
 * null), the variables it used, those given but not used, and the number of the version
 * rendered.
 */
public record Rendered(String content, List<Message> messages, List<String> variablesUsed, List<String> variablesUnused,
		int version) {

}
