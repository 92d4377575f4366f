package dev.promptledger.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes no HTTP client would (a forged Host, a malformed target) and reads the
 * whole answer.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * The server's answer as text, or {@code "closed: ..."} when it closed the connection
	 * instead.
	 */
	public static String send(int port, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.net.SocketException ex) {
			return "closed: " + ex.getMessage();
		}
	}

}
