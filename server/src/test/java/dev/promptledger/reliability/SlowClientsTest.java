package dev.promptledger.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.OnH2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and idle clients cannot hold the server: a connection that does not finish its
 * request within the connection timeout is closed, and while many of them hang, other
 * clients are served at once. (The timeout is shortened here; production uses 20 s.)
 */
@OnH2
@TestPropertySource(properties = "server.tomcat.connection-timeout=1s")
class SlowClientsTest extends ApiTestBase {

	@Test
	void slowClientsAreCutOffAndDoNotStarveOthers() throws IOException, InterruptedException {
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 60; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				OutputStream out = socket.getOutputStream();
				out.write("GET /prompts HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				slow.add(socket);
			}
			long start = System.nanoTime();
			assertThat(this.api.get("/health").anonymous().send().status()).isEqualTo(200);
			assertThat(this.api.get("/prompts?limit=1").send().status()).isEqualTo(200);
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(millis).as("others are served while 60 clients dawdle").isLessThan(1000);

			Socket probe = slow.get(0);
			probe.setSoTimeout(5000);
			long waited = System.nanoTime();
			InputStream in = probe.getInputStream();
			byte[] answer = in.readAllBytes();
			long closedAfter = (System.nanoTime() - waited) / 1_000_000;
			assertThat(closedAfter).as("a half-sent request is cut off by the connection timeout").isLessThan(4000);
			String text = new String(answer, StandardCharsets.ISO_8859_1);
			assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 4")).as(text).isTrue();
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

}
