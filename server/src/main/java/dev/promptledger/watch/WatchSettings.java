package dev.promptledger.watch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many watch streams a node keeps open and how it keeps them alive
 * ({@code promptledger.watch.*}; the environment variables are in application.properties
 * and the README).
 *
 * @param maxStreams the most streams open at once on this node; one more is 503
 * @param heartbeat how often an idle stream gets a comment line (which also finds the
 * streams whose client has gone)
 */
@ConfigurationProperties("promptledger.watch")
public record WatchSettings(@DefaultValue("2000") int maxStreams, @DefaultValue("15s") Duration heartbeat) {

	public WatchSettings {
		if (maxStreams < 0) {
			throw new IllegalArgumentException("promptledger.watch.max-streams must be 0 or more, not " + maxStreams);
		}
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new IllegalArgumentException("promptledger.watch.heartbeat must be positive, not " + heartbeat);
		}
	}

}
