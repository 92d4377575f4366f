package dev.promptledger.support;

import java.nio.file.Files;
import java.nio.file.Path;

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
			String ci = System.getenv("CI");
			String missing = bin + " is missing: run 'npm ci' in " + DIR;
			if (ci != null && !ci.isBlank() && !ci.equals("false")) {
				throw new IllegalStateException("CI is set and " + missing);
			}
			System.err.println("WARNING: " + missing + "; skipping.");
			Assumptions.abort(missing);
		}
		return bin;
	}

}
