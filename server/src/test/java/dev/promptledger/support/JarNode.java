package dev.promptledger.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real server process (the packaged jar) on this run's PostgreSQL database, started and
 * waited for until healthy; its output goes to {@code target/<log>-<port>.log}.
 */
public record JarNode(Process process, Api api) {

	/**
	 * The admin token of every process-level test: they share this run's database, and
	 * only the first node on it takes its token from the environment.
	 */
	public static final String TOKEN = "plg_process_tests_admin_token_0123456789abcdefghij";

	public static JarNode start(String adminToken, Map<String, String> environment, String log)
			throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar",
				Path.of("target", "promptledger.jar").toAbsolutePath().toString());
		builder.environment().put("PROMPTLEDGER_DB_URL", PostgresDatabase.url());
		builder.environment().put("PROMPTLEDGER_DB_USER", PostgresDatabase.user());
		builder.environment().put("PROMPTLEDGER_DB_PASSWORD", PostgresDatabase.password());
		builder.environment().put("PROMPTLEDGER_ADMIN_TOKEN", adminToken);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true);
		builder.redirectOutput(new File("target", log + "-" + port + ".log"));
		Process process = builder.start();
		Api api = new Api("http://127.0.0.1:" + port, adminToken);
		long deadline = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < deadline) {
			try {
				if (api.get("/health").anonymous().send().status() == 200) {
					return new JarNode(process, api);
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		process.destroyForcibly();
		throw new IllegalStateException("a node did not start; see target/" + log + "-" + port + ".log");
	}

}
