package dev.promptledger.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.promptledger.cli.Commands;

/**
 * Runs one of the jar's commands in this JVM against a database, as
 * {@code java -jar promptledger.jar ...} would.
 */
public final class Cli {

	/** What a command printed and its exit code. */
	public record Result(int exit, String out, String err) {
	}

	private Cli() {
	}

	public static Result run(String url, String user, String password, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.datasource.url=" + url);
		all.add("--spring.datasource.username=" + user);
		all.add("--spring.datasource.password=" + password);
		all.add("--promptledger.admin-token=" + Node.TOKEN);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = Commands.run(dev.promptledger.PromptledgerApplication.class, all.toArray(String[]::new),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** An in-memory H2 database of its own, kept while the JVM runs. */
	public static String h2(String stem) {
		return "jdbc:h2:mem:" + stem + "-" + java.util.UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
	}

}
