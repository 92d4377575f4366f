package dev.promptledger.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar promptledger-client.jar pull | diff | push}: prompts kept as files in
 * git, synchronised with a server over HTTP. Non-interactive, for CI: the server's URL is
 * {@code --url} or {@code PROMPTLEDGER_URL} (default {@code http://localhost:8080}), the
 * API token {@code PROMPTLEDGER_TOKEN} (never a command-line argument, which other users
 * of the machine could read).
 * <p>
 * Exit codes: 0 done (for {@code diff}: nothing would change); 1 {@code diff} found
 * changes; 2 the command line is wrong; 3 the server refused some prompts (each is listed
 * on stderr, the others were done); 4 the server could not be reached, failed, or did not
 * accept the token (nothing more was tried).
 */
public final class PromptsAsCode {

	static final int USAGE = 2;

	private static final String HELP = """
			usage: java -jar promptledger-client.jar COMMAND [options]

			  pull --to DIR [--label LABEL] [--prefix PREFIX]
			      write every prompt (at LABEL, else its latest version) as a file under DIR
			  diff DIR [--label LABEL]
			      print what push would change; exit 1 when something would
			  push DIR [--message TEXT] [--label LABEL] [--open-change-requests]
			      make a version of each prompt whose file differs, create new ones, and point
			      LABEL at them (a label whose policy needs approval: --open-change-requests
			      opens a change request instead)

			  --url URL   the server (default: $PROMPTLEDGER_URL, else http://localhost:8080)
			  The API token is read from $PROMPTLEDGER_TOKEN.

			exit codes: 0 done (diff: no changes), 1 diff found changes, 2 usage,
			            3 some prompts refused, 4 server unreachable or token refused
			""";

	private static final Map<String, Set<String>> OPTIONS = Map.of("pull", Set.of("to", "label", "prefix", "url"),
			"diff", Set.of("label", "url"), "push", Set.of("message", "label", "url"));

	private static final Map<String, Set<String>> FLAGS = Map.of("pull", Set.of(), "diff", Set.of(), "push",
			Set.of("open-change-requests"));

	private PromptsAsCode() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out, System.err));
	}

	/** Runs a command; its exit code. */
	static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
			(args.length == 0 ? err : out).print(HELP);
			return args.length == 0 ? USAGE : 0;
		}
		String command = args[0];
		if (!OPTIONS.containsKey(command)) {
			err.println("unknown command '" + command + "'\n");
			err.print(HELP);
			return USAGE;
		}
		Map<String, String> options = new HashMap<>();
		Set<String> flags = new java.util.HashSet<>();
		List<String> positionals = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--")) {
				String name = arg.substring(2);
				int equals = name.indexOf('=');
				String value = null;
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				if (FLAGS.get(command).contains(name) && value == null) {
					flags.add(name);
					continue;
				}
				if (!OPTIONS.get(command).contains(name)) {
					return usage(err, command, "unknown option --" + name);
				}
				if (value == null) {
					if (i + 1 >= args.length) {
						return usage(err, command, "--" + name + " needs a value");
					}
					value = args[++i];
				}
				if (options.put(name, value) != null) {
					return usage(err, command, "--" + name + " is given twice");
				}
			}
			else {
				positionals.add(arg);
			}
		}
		String token = environment.get("PROMPTLEDGER_TOKEN");
		if (token == null || token.isBlank()) {
			err.println("PROMPTLEDGER_TOKEN is not set: export the API token the command acts with");
			return USAGE;
		}
		String url = options.getOrDefault("url", environment.getOrDefault("PROMPTLEDGER_URL", "http://localhost:8080"));
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		Sync sync = new Sync(new Transport(http, url, token.trim(), Duration.ofSeconds(60)), out, err);
		try {
			return switch (command) {
				case "pull" -> {
					if (!positionals.isEmpty() || options.get("to") == null) {
						yield usage(err, command, "give the folder with --to DIR");
					}
					yield sync.pull(Path.of(options.get("to")), options.get("label"), options.get("prefix"));
				}
				case "diff" -> {
					Path dir = folder(positionals);
					yield dir == null ? usage(err, command, "give one folder DIR that exists")
							: sync.diff(dir, options.get("label"));
				}
				default -> {
					Path dir = folder(positionals);
					yield dir == null ? usage(err, command, "give one folder DIR that exists")
							: sync.push(dir, options.getOrDefault("message", "Pushed by promptledger-client"),
									options.get("label"), flags.contains("open-change-requests"));
				}
			};
		}
		catch (Sync.Stop ex) {
			err.println("promptledger-client " + command + " stopped: " + ex.getMessage());
			return Sync.UNREACHABLE;
		}
		catch (IOException ex) {
			err.println("promptledger-client " + command + " failed: " + ex.getMessage());
			return Sync.REFUSED;
		}
		catch (PromptLedgerException ex) {
			err.println("promptledger-client " + command + " refused: " + ex.getMessage() + " (" + ex.code() + ")");
			return Sync.REFUSED;
		}
	}

	private static Path folder(List<String> positionals) {
		if (positionals.size() != 1) {
			return null;
		}
		Path dir = Path.of(positionals.get(0));
		return Files.isDirectory(dir) ? dir : null;
	}

	private static int usage(PrintStream err, String command, String problem) {
		err.println(
				"promptledger-client " + command + ": " + problem + " (see: java -jar promptledger-client.jar help)");
		return USAGE;
	}

}
