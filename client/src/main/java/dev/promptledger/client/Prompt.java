package dev.promptledger.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A version of a prompt as the client read it: its prompt's {@code id} and {@code name},
 * the version's {@code number} and {@code versionId}, a text's {@code content} or a
 * chat's {@code messages}, its {@code config}, the prompt's {@code tags} and the
 * {@code labels} that pointed at this version when it was read.
 * <p>
 * {@link #stale()} is true when the server could not be reached and the client served the
 * last value it had; {@link #fallback()} when no value had been read yet and the caller's
 * fallback was served instead.
 */
public record Prompt(UUID id, String name, String type, String description, int number, UUID versionId, String content,
		List<Message> messages, Map<String, Object> config, List<String> tags, List<String> labels, boolean stale,
		boolean fallback) {

	public Prompt {
		messages = messages == null ? null : List.copyOf(messages);
		config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(config);
		tags = tags == null ? List.of() : List.copyOf(tags);
		labels = labels == null ? List.of() : List.copyOf(labels);
	}

	/** A text fallback, served when the very first fetch fails. */
	public static Prompt fallbackText(String name, String content) {
		return new Prompt(null, name, "text", null, 0, null, content, null, Map.of(), List.of(), List.of(), false,
				true);
	}

	/** A chat fallback, served when the very first fetch fails. */
	public static Prompt fallbackChat(String name, List<Message> messages) {
		return new Prompt(null, name, "chat", null, 0, null, null, messages, Map.of(), List.of(), List.of(), false,
				true);
	}

	public boolean isChat() {
		return this.messages != null;
	}

	/** The variables (and placeholders) this version uses, in order of first use. */
	public List<String> variables() {
		return isChat() ? Templates.variables(this.messages) : Templates.variables(this.content);
	}

	/**
	 * Renders locally, by the server's rules.
	 * @throws PromptLedgerException {@code missing_variables}, naming every missing one
	 */
	public Rendered render(Map<String, String> variables) {
		return render(variables, Map.of());
	}

	/**
	 * Renders locally, each placeholder of a chat replaced by the messages given for it.
	 * @throws PromptLedgerException {@code missing_variables}, naming every missing one
	 */
	public Rendered render(Map<String, String> variables, Map<String, List<Message>> placeholders) {
		return isChat() ? Templates.render(this.messages, variables, placeholders, this.number)
				: Templates.render(this.content, variables, placeholders.keySet(), this.number);
	}

	/** This prompt as served from memory while the server is unreachable. */
	Prompt asStale() {
		return this.stale ? this : new Prompt(this.id, this.name, this.type, this.description, this.number,
				this.versionId, this.content, this.messages, this.config, this.tags, this.labels, true, this.fallback);
	}

}
