package dev.promptledger.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import dev.promptledger.cache.Coherence;
import dev.promptledger.cache.CoherentCache;
import dev.promptledger.http.Ids;

/**
 * Who a token belongs to, remembered so that a hot API call costs no database round trip.
 * Any change to users or tokens on any node forgets everything (such changes are rare),
 * so a revoked token or a disabled user stops working at the next request; while the
 * cache is not usable, every check reads the database. Unknown tokens are never
 * remembered.
 */
@Component
public class Credentials implements MeterBinder {

	private static final String BEARER = "bearer ";

	private static final int MAX_TOKEN_CHARS = 200;

	private final IdentityStore identities;

	private static final String BASIC = "basic ";

	/** How a Langfuse public key starts: the token's id follows. */
	static final String LANGFUSE_PUBLIC_PREFIX = "pk-lf-";

	private final CoherentCache<String, Actor> known;

	private final CoherentCache<String, Actor> knownKeys;

	Credentials(IdentityStore identities, Coherence coherence) {
		this.identities = identities;
		this.known = coherence.identityCache("credentials", Caffeine.newBuilder().maximumSize(10_000));
		this.knownKeys = coherence.identityCache("langfuse_keys", Caffeine.newBuilder().maximumSize(10_000));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.known.bindTo(registry);
		this.knownKeys.bindTo(registry);
	}

	/** A Langfuse key pair: the id of an API token and the token. */
	record KeyPair(UUID tokenId, String token) {

		String cacheKey() {
			return Tokens.hash(this.tokenId + ":" + this.token);
		}

	}

	/**
	 * The key pair of a {@code Basic} header whose user is {@code pk-lf-<token_id>} and
	 * whose password is the token, or null when the header is not one.
	 */
	static KeyPair langfuseKeys(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())
				|| authorization.length() > 2 * MAX_TOKEN_CHARS) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		if (colon < 0 || !decoded.startsWith(LANGFUSE_PUBLIC_PREFIX)) {
			return null;
		}
		UUID tokenId = Ids.parse(decoded.substring(LANGFUSE_PUBLIC_PREFIX.length(), colon));
		String token = decoded.substring(colon + 1);
		return tokenId == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS ? null
				: new KeyPair(tokenId, token);
	}

	/**
	 * The remembered identity behind an {@code Authorization} header, or null: never a
	 * database round trip. A header that {@link BearerTokenFilter} would refuse is never
	 * remembered, so a known identity is exactly one the full path would accept.
	 */
	public Actor peek(String authorization) {
		String token = bearerToken(authorization);
		return token == null ? null : this.known.peek(Tokens.hash(token));
	}

	/**
	 * Whether an {@code Authorization} header still stands for an active token of an
	 * active user who may read: for a stream that outlives the request that opened it.
	 */
	public boolean mayStillRead(String authorization) {
		String token = bearerToken(authorization);
		return token != null && authenticate(token).filter(actor -> actor.role().atLeast(Role.TO_READ)).isPresent();
	}

	/**
	 * The token of a {@code Bearer} header, or null when the header is not one or the
	 * token cannot be valid (empty, longer than any token).
	 */
	static String bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).trim();
		return token.isEmpty() || token.length() > MAX_TOKEN_CHARS ? null : token;
	}

	/** The user behind a key pair whose token is active and has that id. */
	Optional<Actor> authenticate(KeyPair keys) {
		return Optional.ofNullable(this.knownKeys.get(keys.cacheKey(),
				() -> this.identities.findActiveByKeyPair(keys.tokenId(), keys.token()).orElse(null)));
	}

	Optional<Actor> authenticate(String token) {
		return Optional.ofNullable(
				this.known.get(Tokens.hash(token), () -> this.identities.findActiveByToken(token).orElse(null)));
	}

}
