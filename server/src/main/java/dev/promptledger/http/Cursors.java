package dev.promptledger.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: the position in a list, bound to that list and signed with a key
 * every node shares, so that a cursor the server did not issue is recognised and refused.
 */
public final class Cursors {

	private static final int TAG_BYTES = 16;

	private final Supplier<byte[]> secret;

	private volatile SecretKeySpec key;

	/**
	 * @param secret the signing key shared by every node, read when the first cursor is
	 * made or checked
	 */
	public Cursors(Supplier<byte[]> secret) {
		this.secret = secret;
	}

	private SecretKeySpec key() {
		SecretKeySpec current = this.key;
		if (current == null) {
			current = new SecretKeySpec(this.secret.get(), "HmacSHA256");
			this.key = current;
		}
		return current;
	}

	public String encode(String scope, String position) {
		byte[] payload = position.getBytes(StandardCharsets.UTF_8);
		byte[] tag = tag(scope, payload);
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return b64.encodeToString(payload) + "." + b64.encodeToString(tag);
	}

	/**
	 * The position a cursor encodes; 400 {@code invalid_cursor} for anything this server
	 * did not issue for {@code scope}.
	 */
	public String decode(String scope, String cursor) {
		int dot = cursor.indexOf('.');
		if (cursor.length() > 512 || dot < 1) {
			throw invalid();
		}
		try {
			Base64.Decoder b64 = Base64.getUrlDecoder();
			byte[] payload = b64.decode(cursor.substring(0, dot));
			byte[] tag = b64.decode(cursor.substring(dot + 1));
			if (!MessageDigest.isEqual(tag, tag(scope, payload))) {
				throw invalid();
			}
			return new String(payload, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	private byte[] tag(String scope, byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			mac.update(scope.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static ApiException invalid() {
		return new ApiException(ErrorCode.INVALID_CURSOR, "This cursor was not issued for this list.");
	}

}
