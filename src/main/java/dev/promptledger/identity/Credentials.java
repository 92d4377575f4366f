package dev.promptledger.identity;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.stereotype.Component;

import dev.promptledger.cache.CacheEvent;
import dev.promptledger.cache.Coherence;

/**
 * Who a token belongs to, remembered so that a hot API call costs no database round trip.
 * Any change to users or tokens on any node forgets everything (such changes are rare),
 * so a revoked token or a disabled user stops working at the next request; while the
 * cache is not usable, every check reads the database. Unknown tokens are never
 * remembered.
 */
@Component
public class Credentials implements MeterBinder {

	private final IdentityStore identities;

	private final Coherence coherence;

	private final Cache<String, Actor> known = Caffeine.newBuilder().maximumSize(10_000).recordStats().build();

	Credentials(IdentityStore identities, Coherence coherence) {
		this.identities = identities;
		this.coherence = coherence;
		coherence.register(event -> {
			if (event.kind() != CacheEvent.Kind.PROMPT) {
				this.known.invalidateAll();
			}
		});
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.known, "credentials");
	}

	/** The remembered identity behind a token, or null: never a database round trip. */
	public Actor peek(String token) {
		return this.coherence.usable() ? this.known.getIfPresent(Tokens.hash(token)) : null;
	}

	Optional<Actor> authenticate(String token) {
		boolean cached = this.coherence.usable();
		String hash = Tokens.hash(token);
		if (cached) {
			Actor hit = this.known.getIfPresent(hash);
			if (hit != null) {
				return Optional.of(hit);
			}
		}
		long epoch = this.coherence.epoch();
		Optional<Actor> actor = this.identities.findActiveByToken(token);
		if (cached && actor.isPresent() && this.coherence.epoch() == epoch) {
			this.known.put(hash, actor.get());
		}
		return actor;
	}

}
