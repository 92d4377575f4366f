package dev.promptledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.promptledger.backup.BackupException;
import dev.promptledger.backup.Backups;
import dev.promptledger.exchange.Exporter;
import dev.promptledger.exchange.Importer;
import dev.promptledger.identity.AdminRecovery;
import dev.promptledger.langfuse.LangfuseImport;
import dev.promptledger.schema.SchemaException;
import dev.promptledger.schema.SchemaGuard;
import dev.promptledger.schema.SchemaStatus;
import dev.promptledger.version.ContentCompaction;
import dev.promptledger.version.ContentStore;

/**
 * The operator's commands of the jar: {@code java -jar promptledger.jar <command> ...}.
 * Each runs the application without its web server against the database the environment
 * names, as a node would (PROMPTLEDGER_DB_URL and the rest), does its work and exits: 0
 * when it went well, 1 when it did not (the message says why), 2 for a mistake on the
 * command line.
 */
public final class Commands {

	/**
	 * How a command starts the application: as it is, or migrated like a starting node.
	 */
	private enum Startup {

		/** The database as it is: no migration, no bootstrap user. */
		AS_IS,
		/**
		 * As a node starts: migrations applied, the bootstrap user created on an empty
		 * database.
		 */
		LIKE_A_NODE

	}

	private interface Action {

		int run(Args args, ConfigurableApplicationContext context, PrintStream out) throws Exception;

	}

	private record Command(String usage, Set<String> options, Set<String> flags, Startup startup, Action action) {
	}

	private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

	static {
		COMMANDS.put("backup",
				new Command("backup --to FILE", Set.of("to"), Set.of(), Startup.AS_IS, Commands::backup));
		COMMANDS.put("restore", new Command("restore --from FILE [--replace]", Set.of("from"), Set.of("replace"),
				Startup.AS_IS, Commands::restore));
		COMMANDS.put("migrate",
				new Command("migrate [--dry-run]", Set.of(), Set.of("dry-run"), Startup.AS_IS, Commands::migrate));
		COMMANDS.put("import", new Command("import PATH [--as USERNAME] [--prefix PREFIX]", Set.of("as", "prefix"),
				Set.of(), Startup.LIKE_A_NODE, Commands::importPrompts));
		COMMANDS.put("import-langfuse", new Command("import-langfuse FILE [--as USERNAME] [--prefix PREFIX]",
				Set.of("as", "prefix"), Set.of(), Startup.LIKE_A_NODE, Commands::importLangfuse));
		COMMANDS.put("export",
				new Command("export --to DIR", Set.of("to"), Set.of(), Startup.LIKE_A_NODE, Commands::export));
		COMMANDS.put("compact", new Command("compact [--retrain]", Set.of(), Set.of("retrain"), Startup.LIKE_A_NODE,
				Commands::compact));
		COMMANDS.put("reset-admin",
				new Command("reset-admin", Set.of(), Set.of(), Startup.LIKE_A_NODE, Commands::resetAdmin));
	}

	private Commands() {
	}

	/** Whether the jar was started with a command rather than to serve. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && (COMMANDS.containsKey(args[0]) || args[0].equals("help"));
	}

	/**
	 * Runs the command in {@code args} and returns its exit code; {@code application} is
	 * the Spring Boot application class whose context the command starts.
	 */
	public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
		Command command = COMMANDS.get(args[0]);
		if (command == null) {
			usage(out);
			return args[0].equals("help") ? 0 : 2;
		}
		Args parsed;
		try {
			Set<String> known = new java.util.HashSet<>(command.options());
			known.addAll(command.flags());
			parsed = Args.parse(args, command.options(), known);
		}
		catch (Args.UsageException ex) {
			return usageError(args[0], command, ex, err);
		}
		try (ConfigurableApplicationContext context = start(application, command.startup(), parsed.settings())) {
			return command.action().run(parsed, context, out);
		}
		catch (Args.UsageException ex) {
			return usageError(args[0], command, ex, err);
		}
		catch (Exception ex) {
			err.println("promptledger " + args[0] + " failed: " + message(ex));
			return 1;
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, Startup startup, List<String> settings) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("logging.level.root", "WARN");
		properties.put("promptledger.command", "true");
		// a command that cannot start says why in one line (below), not in the context's
		// own report of its failure
		properties.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
		properties.put("logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext",
				"OFF");
		properties.put("logging.level.org.springframework.boot.diagnostics", "OFF");
		properties.put("promptledger.startup.listen", "false");
		properties.put("promptledger.startup.deliver", "false");
		properties.put("promptledger.startup.migrate", Boolean.toString(startup == Startup.LIKE_A_NODE));
		properties.put("promptledger.startup.bootstrap-admin", Boolean.toString(startup == Startup.LIKE_A_NODE));
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run(settings.toArray(String[]::new));
	}

	private static int backup(Args args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
		Path file = Path.of(args.required("to"));
		Backups.Summary summary = context.getBean(Backups.class).backup(file);
		out.println(
				"Backed up " + summary.total() + " rows of schema version " + summary.schemaVersion() + " to " + file);
		summary.rows().forEach((table, rows) -> out.println("  " + table + ": " + rows));
		return 0;
	}

	private static int restore(Args args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
		Path file = Path.of(args.required("from"));
		Backups.Summary summary = context.getBean(Backups.class).restore(file, args.flag("replace"));
		SchemaStatus status = SchemaStatus.of(context.getBean(Flyway.class));
		out.println("Restored " + summary.total() + " rows from " + file + "; the schema is at version "
				+ summary.schemaVersion() + (status.pending().isEmpty() ? "" : " (" + status.pending().size()
						+ " newer migrations of this release apply at the next start)"));
		summary.rows().forEach((table, rows) -> out.println("  " + table + ": " + rows));
		if (summary.warning() != null) {
			out.println("Warning: " + summary.warning());
		}
		return 0;
	}

	private static int migrate(Args args, ConfigurableApplicationContext context, PrintStream out) {
		Flyway flyway = context.getBean(Flyway.class);
		SchemaStatus status = SchemaGuard.requireCompatible(flyway);
		out.println("Schema version " + (status.applied().getVersion() == null ? "none" : status.applied())
				+ "; this release knows up to " + status.known()
				+ (status.ahead() ? " (the database is ahead of it)" : ""));
		if (status.pending().isEmpty()) {
			out.println("No pending migrations.");
			return 0;
		}
		out.println((args.flag("dry-run") ? "Pending" : "Applying") + " migrations:");
		for (MigrationInfo migration : status.pending()) {
			out.println("  " + migration.getVersion() + "  " + migration.getDescription() + "  ("
					+ migration.getType().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
		}
		if (args.flag("dry-run")) {
			return 0;
		}
		SchemaStatus after = SchemaGuard.bringUpToDate(flyway);
		out.println("The schema is at version " + after.applied() + ".");
		return 0;
	}

	private static int compact(Args args, ConfigurableApplicationContext context, PrintStream out) {
		ContentStore.Compaction done = context.getBean(ContentCompaction.class).run(args.flag("retrain"), page -> {
			if (page.blobs() % 50_000 == 0) {
				out.println("  " + page.blobs() + " blobs so far, " + page.recoded() + " encoded anew");
			}
		});
		if (done.dictionary() == null) {
			out.println("Nothing compacted: too few contents to train a dictionary on yet.");
			return 0;
		}
		out.println("Compacted " + done.blobs() + " blobs with dictionary " + done.dictionary() + ": " + done.recoded()
				+ " encoded anew, " + done.bytesBefore() + " -> " + done.bytesAfter() + " bytes of data");
		if (done.damaged() > 0) {
			out.println("Damaged blobs, left as they were (see the log): " + done.damaged());
			return 1;
		}
		return 0;
	}

	private static int importPrompts(Args args, ConfigurableApplicationContext context, PrintStream out)
			throws Exception {
		if (args.positionals().size() != 1) {
			throw new Args.UsageException("give one PATH: a .csv file, a text or Markdown file, or a folder");
		}
		Path path = Path.of(args.positionals().get(0));
		String username = args.option("as") == null ? "admin" : args.option("as");
		Importer.Report report = context.getBean(Importer.class).importFrom(path, username, args.option("prefix"));
		out.println("Imported " + path + " as " + username + ": " + report.created() + " created, " + report.updated()
				+ " updated, " + report.unchanged() + " unchanged, " + report.failures().size() + " failed");
		report.failures().forEach(failure -> out.println("  failed: " + failure));
		return report.failures().isEmpty() ? 0 : 1;
	}

	private static int importLangfuse(Args args, ConfigurableApplicationContext context, PrintStream out)
			throws Exception {
		if (args.positionals().size() != 1) {
			throw new Args.UsageException("give one FILE: a Langfuse export (JSON) of prompt versions");
		}
		Path file = Path.of(args.positionals().get(0));
		String username = args.option("as") == null ? "admin" : args.option("as");
		LangfuseImport.Report report = context.getBean(LangfuseImport.class)
			.importFrom(file, username, args.option("prefix"));
		out.println(
				"Imported " + file + " as " + username + ": " + report.prompts() + " prompts with " + report.versions()
						+ " versions and " + report.labels() + " labels, " + report.failures().size() + " failed");
		report.failures().forEach(failure -> out.println("  failed: " + failure));
		return report.failures().isEmpty() ? 0 : 1;
	}

	private static int export(Args args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
		Path dir = Path.of(args.required("to"));
		Exporter.Report report = context.getBean(Exporter.class).exportTo(dir);
		out.println("Exported to " + dir + ": " + report.written() + " written, " + report.unchanged() + " unchanged, "
				+ report.removed() + " removed");
		return 0;
	}

	private static int resetAdmin(Args args, ConfigurableApplicationContext context, PrintStream out) {
		if (!args.positionals().isEmpty()) {
			throw new Args.UsageException("reset-admin takes no arguments");
		}
		AdminRecovery.Reset reset = context.getBean(AdminRecovery.class).reset();
		String what = reset.created() ? "Created the user 'admin' with the role admin"
				: reset.reenabled() ? "Re-enabled the user 'admin' with the role admin" : "'admin' is an active admin";
		out.println(what + "; issued it a new API token (id " + reset.tokenId() + "; shown this once, store it now):");
		out.println(reset.token());
		return 0;
	}

	private static int usageError(String name, Command command, Args.UsageException ex, PrintStream err) {
		err.println("promptledger " + name + ": " + ex.getMessage());
		err.println("usage: java -jar promptledger.jar " + command.usage());
		return 2;
	}

	private static void usage(PrintStream out) {
		out.println("usage: java -jar promptledger.jar [command]   (no command: serve the API and the web UI)");
		COMMANDS.values().forEach(command -> out.println("  " + command.usage()));
		out.println("The database is the one a node would use (PROMPTLEDGER_DB_URL, PROMPTLEDGER_DB_USER, ...).");
	}

	/**
	 * The message an operator needs: the schema's own explanation, or the innermost
	 * cause's.
	 */
	private static String message(Throwable ex) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable t = ex; t != null && !chain.contains(t); t = t.getCause()) {
			chain.add(t);
		}
		for (Throwable t : chain) {
			if (t instanceof SchemaException schema) {
				return schema.getMessage() + "\n" + schema.action();
			}
			if (t instanceof BackupException || t instanceof IllegalArgumentException) {
				return t.getMessage();
			}
		}
		Throwable root = chain.get(chain.size() - 1);
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		if (message.contains("The file is locked")) {
			return "the embedded database is in use by a running promptledger node; stop that node first "
					+ "(or run the command against PostgreSQL, where nodes may keep running): " + message;
		}
		return message;
	}

}
