package dev.promptledger.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * The JavaScript tools of {@code src/test/node}, installed there by {@code npm ci} (which
 * .ci/run does). Where they are missing a test skips with a warning, unless {@code CI} is
 * set: then it fails.
 */
public final class NodeTools {

	public static final Path DIR = Path.of("src/test/node");

	private NodeTools() {
	}

	/** The installed command {@code name} of node_modules/.bin. */
	public static Path bin(String name) {
		Path bin = DIR.resolve("node_modules/.bin").resolve(name);
		if (!Files.isExecutable(bin)) {
			missing(bin + " is missing: run 'npm ci' in " + DIR);
		}
		return bin;
	}

	/**
	 * A file of the installed package {@code module}, such as a script to inject into a
	 * page.
	 */
	public static Path file(String module, String path) {
		Path file = DIR.resolve("node_modules").resolve(module).resolve(path);
		if (!Files.isRegularFile(file)) {
			missing(file + " is missing: run 'npm ci' in " + DIR);
		}
		return file;
	}

	/**
	 * A command line that runs {@code script} of {@code src/test/node} with Node.js, once
	 * the package {@code module} is installed.
	 */
	public static List<String> script(String script, String module) {
		if (!Files.isDirectory(DIR.resolve("node_modules").resolve(module))) {
			missing(module + " is missing: run 'npm ci' in " + DIR);
		}
		if (!onPath("node")) {
			missing("node is not on the PATH: install Node.js 20");
		}
		return List.of("node", script);
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
	}

	private static void missing(String what) {
		String ci = System.getenv("CI");
		if (ci != null && !ci.isBlank() && !ci.equals("false")) {
			throw new IllegalStateException("CI is set and " + what);
		}
		System.err.println("WARNING: " + what + "; skipping.");
		Assumptions.abort(what);
	}

}
