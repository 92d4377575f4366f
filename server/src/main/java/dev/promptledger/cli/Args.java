package dev.promptledger.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a command: positionals, {@code --option value} pairs, {@code --flag}s,
 * and Spring settings ({@code --spring.x=y}, {@code --promptledger.x=y}) that go to the
 * application as they are.
 */
record Args(String command, List<String> positionals, Map<String, String> options, Set<String> flags,
		List<String> settings) {

	/**
	 * Parses {@code args} (the command first) against the options that take a value and
	 * the flags.
	 */
	static Args parse(String[] args, Set<String> valued, Set<String> known) {
		List<String> positionals = new ArrayList<>();
		Map<String, String> options = new HashMap<>();
		Set<String> flags = new HashSet<>();
		List<String> settings = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--spring.") || arg.startsWith("--promptledger.") || arg.startsWith("--logging.")) {
				settings.add(arg);
			}
			else if (arg.startsWith("--") && arg.contains("=")) {
				String name = arg.substring(2, arg.indexOf('='));
				requireKnown(name, valued);
				options.put(name, arg.substring(arg.indexOf('=') + 1));
			}
			else if (arg.startsWith("--") && valued.contains(arg.substring(2))) {
				if (i + 1 >= args.length) {
					throw new UsageException("--" + arg.substring(2) + " needs a value");
				}
				options.put(arg.substring(2), args[++i]);
			}
			else if (arg.startsWith("--")) {
				requireKnown(arg.substring(2), known);
				flags.add(arg.substring(2));
			}
			else {
				positionals.add(arg);
			}
		}
		return new Args(args[0], positionals, options, flags, settings);
	}

	private static void requireKnown(String name, Set<String> known) {
		if (!known.contains(name)) {
			throw new UsageException("unknown option --" + name);
		}
	}

	String option(String name) {
		return this.options.get(name);
	}

	String required(String name) {
		String value = this.options.get(name);
		if (value == null || value.isBlank()) {
			throw new UsageException("--" + name + " is required");
		}
		return value;
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

	/** A command-line mistake: the usage is printed with it, and the exit code is 2. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
