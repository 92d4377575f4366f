package dev.promptledger.webhook;

import java.security.SecureRandom;
import java.util.Base64;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Standard Webhooks signatures, by the specification's own Java library: {@code v1,} and
 * the base64 HMAC-SHA256 of {@code "{id}.{timestamp}.{body}"} keyed by the secret's
 * bytes.
 */
final class Signature {

	static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Signature() {
	}

	/** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
	static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header of a message. */
	static String sign(String secret, String messageId, long timestampSeconds, String body) {
		try {
			return new Webhook(secret).sign(messageId, timestampSeconds, body);
		}
		catch (WebhookSigningException ex) {
			throw new IllegalStateException("cannot sign a webhook message", ex);
		}
	}

}
