package dev.promptledger.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver inside the test: it keeps every request, and answers 500 to the
 * first {@code failures} of them, optionally after a pause.
 */
public final class Receiver implements AutoCloseable {

	/** One request as it arrived. */
	public record Request(String id, String timestamp, String signature, String body) {
	}

	private final HttpServer server;

	private final List<Request> requests = new ArrayList<>();

	private final AtomicInteger failures;

	private final long pauseMillis;

	public Receiver(int failures, long pauseMillis) throws IOException {
		this.failures = new AtomicInteger(failures);
		this.pauseMillis = pauseMillis;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.createContext("/hook", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (this.pauseMillis > 0) {
				try {
					Thread.sleep(this.pauseMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			synchronized (this.requests) {
				this.requests.add(new Request(exchange.getRequestHeaders().getFirst("webhook-id"),
						exchange.getRequestHeaders().getFirst("webhook-timestamp"),
						exchange.getRequestHeaders().getFirst("webhook-signature"), body));
			}
			int status = this.failures.getAndDecrement() > 0 ? 500 : 204;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	public List<Request> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
