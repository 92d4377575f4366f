package dev.promptledger.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ready-to-paste code that fetches a prompt by name and label and fills its variables,
 * one per client: curl, the Java client, and Langfuse's SDKs (which promptledger serves
 * unchanged). Tokens are read from the environment, never written into a snippet.
 */
public record Snippets(String curl, String java, String langfuseJs, String langfusePython) {

	/** One snippet as the page shows it: {@code id} names its element. */
	public record Snippet(String id, String title, String code) {
	}

	/** The snippets in the order the page shows them. */
	public List<Snippet> all() {
		return List.of(new Snippet("snippet-curl", "curl", this.curl),
				new Snippet("snippet-java", "Java client", this.java),
				new Snippet("snippet-langfuse-js", "Langfuse SDK (JS)", this.langfuseJs),
				new Snippet("snippet-langfuse-python", "Langfuse SDK (Python)", this.langfusePython));
	}

	static Snippets of(String base, String name, String label, List<String> variables) {
		String query = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&label="
				+ URLEncoder.encode(label, StandardCharsets.UTF_8);
		String curl = "curl -s -H \"Authorization: Bearer $PROMPTLEDGER_TOKEN\" \\\n  \"" + base + "/prompts/lookup?"
				+ query + "\"";
		String javaVars = variables.isEmpty() ? "Map.of()"
				: variables.stream()
					.limit(5)
					.map(v -> "\"" + v + "\", \"...\"")
					.collect(Collectors.joining(", ", "Map.of(", ")"));
		String java = """
				PromptLedger ledger = PromptLedger.builder("%s", System.getenv("PROMPTLEDGER_TOKEN"))
				    .watch(true)
				    .build();
				Prompt prompt = ledger.get("%s", "%s");
				Rendered rendered = prompt.render(%s);""".formatted(base, java(name), java(label), javaVars);
		String jsVars = variables.stream()
			.limit(5)
			.map(v -> v + ": \"...\"")
			.collect(Collectors.joining(", ", "{ ", " }"));
		String js = """
				import { LangfuseClient } from "@langfuse/client";

				const langfuse = new LangfuseClient({
				  publicKey: `pk-lf-${process.env.PROMPTLEDGER_TOKEN_ID}`,
				  secretKey: process.env.PROMPTLEDGER_TOKEN,
				  baseUrl: "%s",
				});
				const prompt = await langfuse.prompt.get("%s", { label: "%s" });
				const compiled = prompt.compile(%s);""".formatted(base, java(name), java(label),
				variables.isEmpty() ? "" : jsVars);
		String pyVars = variables.stream().limit(5).map(v -> v + "=\"...\"").collect(Collectors.joining(", "));
		String python = """
				import os
				from langfuse import Langfuse

				langfuse = Langfuse(
				    public_key="pk-lf-" + os.environ["PROMPTLEDGER_TOKEN_ID"],
				    secret_key=os.environ["PROMPTLEDGER_TOKEN"],
				    host="%s",
				)
				prompt = langfuse.get_prompt("%s", label="%s")
				compiled = prompt.compile(%s)""".formatted(base, java(name), java(label), pyVars);
		return new Snippets(curl, java, js, python);
	}

	/** A name in a double-quoted string literal (names hold no quote or backslash). */
	private static String java(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
