package dev.promptledger.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;

/** Reads a request body within the configured size limit and checks its media type. */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * The request's body, at most {@code maxBytes} long; an empty array when there is
	 * none.
	 * @throws ApiException 413 when the body is larger than the limit
	 */
	public static byte[] read(HttpServletRequest request, long maxBytes) {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw tooLarge(maxBytes);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
			if (body.length > maxBytes) {
				throw tooLarge(maxBytes);
			}
			return body;
		}
		catch (IOException ex) {
			throw new ApiException(ErrorCode.BAD_REQUEST, "The request body could not be read.");
		}
	}

	/**
	 * Checks that the request declares one of the accepted JSON media types.
	 * @throws ApiException 415 otherwise
	 */
	/** A JSON body (415 for another media type), at most {@code maxBytes} long. */
	public static byte[] readJson(HttpServletRequest request, long maxBytes) {
		requireMediaType(request, org.springframework.http.MediaType.APPLICATION_JSON);
		return read(request, maxBytes);
	}

	public static void requireMediaType(HttpServletRequest request, MediaType... accepted) {
		String header = request.getContentType();
		if (header == null || header.isBlank()) {
			throw unsupported(accepted);
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(header);
		}
		catch (RuntimeException ex) {
			throw unsupported(accepted);
		}
		String charset = type.getParameter("charset");
		if (charset != null && !charset.replace("\"", "").toUpperCase(Locale.ROOT).equals("UTF-8")) {
			throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Only UTF-8 is accepted.");
		}
		for (MediaType candidate : accepted) {
			if (candidate.equalsTypeAndSubtype(type)) {
				return;
			}
		}
		throw unsupported(accepted);
	}

	private static ApiException unsupported(MediaType... accepted) {
		StringBuilder names = new StringBuilder();
		for (MediaType type : accepted) {
			names.append(names.isEmpty() ? "" : " or ").append(type);
		}
		return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + names + ".");
	}

	private static ApiException tooLarge(long maxBytes) {
		return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
	}

}
