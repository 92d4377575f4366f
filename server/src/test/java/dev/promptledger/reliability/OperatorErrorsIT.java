package dev.promptledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when the jar cannot do what it was asked: one clear line saying
 * what to do, never a stack trace; and a setting that cannot be used stops a node before
 * it connects to anything.
 */
class OperatorErrorsIT {

	private static final String JAR = Path.of("target", "promptledger.jar").toAbsolutePath().toString();

	@TempDir
	Path dir;

	private record Run(int exit, String output, long millis) {
	}

	private Run run(Map<String, String> environment, String... args) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(
				java.util.stream.Stream.concat(java.util.stream.Stream.of("java", "-jar", JAR), List.of(args).stream())
					.toList());
		builder.directory(this.dir.toFile()).redirectErrorStream(true);
		builder.environment().remove("PROMPTLEDGER_DB_URL");
		builder.environment().putAll(environment);
		File log = Files.createTempFile(this.dir, "run", ".log").toFile();
		builder.redirectOutput(log);
		long started = System.nanoTime();
		Process process = builder.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Run(process.exitValue(), Files.readString(log.toPath()), (System.nanoTime() - started) / 1_000_000);
	}

	private static List<String> lines(String output) {
		return output.lines().filter(line -> !line.isBlank()).toList();
	}

	@Test
	void importWhileTheEmbeddedDatabaseIsInUseSaysSoInOneLine() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ProcessBuilder node = new ProcessBuilder("java", "-jar", JAR).directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("node.log").toFile());
		node.environment().remove("PROMPTLEDGER_DB_URL");
		node.environment().put("SERVER_PORT", Integer.toString(port));
		Process server = node.start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			long deadline = System.currentTimeMillis() + 120_000;
			boolean up = false;
			while (!up && System.currentTimeMillis() < deadline) {
				try {
					up = http
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200;
				}
				catch (IOException ex) {
					Thread.sleep(250);
				}
			}
			assertThat(up).isTrue();
			Path prompt = Files.writeString(this.dir.resolve("one.txt"), "hello");
			Run imported = run(Map.of(), "import", prompt.toString());
			assertThat(imported.exit()).isEqualTo(1);
			assertThat(lines(imported.output())).as(imported.output()).hasSize(1);
			assertThat(imported.output()).contains("in use by a running promptledger node; stop that node first");
		}
		finally {
			server.destroy();
			server.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aTooShortAdminPasswordStopsANodeAtOnceWithoutAStackTrace() throws Exception {
		Run node = run(Map.of("PROMPTLEDGER_ADMIN_PASSWORD", "short", "SERVER_PORT", "0"));
		assertThat(node.exit()).isNotZero();
		assertThat(node.output()).contains("PROMPTLEDGER_ADMIN_PASSWORD is 5 characters long; it must have at least 12")
			.doesNotContain("\tat ", "Exception");
		assertThat(Files.exists(this.dir.resolve("data"))).as("stopped before it made a database").isFalse();
		Run command = run(Map.of("PROMPTLEDGER_ADMIN_TOKEN", "too-short"), "export", "--to", "out");
		assertThat(command.exit()).isEqualTo(1);
		assertThat(lines(command.output())).as(command.output()).hasSize(1);
		assertThat(command.output()).contains("PROMPTLEDGER_ADMIN_TOKEN is 9 characters long");
		System.out.println("A node refused its admin password after " + node.millis() + " ms");
	}

}
