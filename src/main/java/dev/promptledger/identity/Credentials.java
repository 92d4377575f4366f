package dev.promptledger.identity;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import dev.promptledger.cache.Coherence;
import dev.promptledger.cache.CoherentCache;

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

	private final CoherentCache<String, Actor> known;

	Credentials(IdentityStore identities, Coherence coherence) {
		this.identities = identities;
		this.known = coherence.identityCache("credentials", Caffeine.newBuilder().maximumSize(10_000));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.known.bindTo(registry);
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

	Optional<Actor> authenticate(String token) {
		return Optional.ofNullable(
				this.known.get(Tokens.hash(token), () -> this.identities.findActiveByToken(token).orElse(null)));
	}

}
