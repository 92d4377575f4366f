package dev.promptledger.client;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The promptledger server, its packaged jar ({@code promptledger.server.jar}, built
 * before this module) in a process of its own, on its embedded database in a folder of
 * its own; with a small admin client for setting up what a test needs.
 */
final class Server implements AutoCloseable {

	static final String TOKEN = "plg_client_tests_admin_token_0123456789abcdefghij";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path dir;

	private final int port;

	private Process process;

	private Server(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	private static Server shared;

	/**
	 * The server the tests share, started at the first call and stopped when the test JVM
	 * ends. A test that stops its server starts one of its own instead.
	 */
	static synchronized Server shared() throws IOException, InterruptedException {
		if (shared == null) {
			shared = start();
			Server stopping = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					stopping.stop();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		return shared;
	}

	static Server start() throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Server server = new Server(Files.createTempDirectory("promptledger-client-it"), port);
		server.restart();
		return server;
	}

	/**
	 * Starts the process (again, on the same port and database) and waits until it is
	 * healthy.
	 */
	void restart() throws IOException, InterruptedException {
		String jar = System.getProperty("promptledger.server.jar", "../server/target/promptledger.jar");
		if (!Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("the server jar " + jar + " is missing: build the server module first");
		}
		ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar",
				Path.of(jar).toAbsolutePath().toString())
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(
					ProcessBuilder.Redirect.appendTo(new File("target", "client-it-server-" + this.port + ".log")));
		builder.environment().put("PROMPTLEDGER_ADMIN_TOKEN", TOKEN);
		builder.environment().put("SERVER_PORT", Integer.toString(this.port));
		builder.environment().remove("PROMPTLEDGER_DB_URL");
		this.process = builder.start();
		long deadline = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the server exited; see target/client-it-server-" + this.port + ".log");
			}
			try {
				if (HTTP
					.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the server did not start; see target/client-it-server-" + this.port + ".log");
	}

	/** Stops the process as an operator would (SIGTERM), and waits for it. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** An admin call; its status and body. */
	Reply call(String method, String path, Object body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + TOKEN);
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
	}

	record Reply(int status, JsonNode body) {
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
