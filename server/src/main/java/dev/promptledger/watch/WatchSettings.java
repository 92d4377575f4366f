package dev.promptledger.watch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many watch streams a node keeps open and how it keeps them alive
 * ({@code promptledger.watch.*}; the environment variables are in application.properties
 * and the README).
 *
 * @param maxStreams the most streams open at once on this node (one more is 503); unset:
 * as many as a quarter of the heap holds (see {@link #limit()})
 * @param heartbeat how often an idle stream gets a comment line (which also finds the
 * streams whose client has gone)
 */
@ConfigurationProperties("promptledger.watch")
public record WatchSettings(Integer maxStreams, @DefaultValue("15s") Duration heartbeat) {

	/**
	 * What an open stream holds, measured: Tomcat's buffers of a request that stays open
	 * (request and response headers, socket and body buffers), about 120 KiB.
	 */
	static final long BYTES_PER_STREAM = 128 * 1024;

	public WatchSettings {
		if (maxStreams != null && maxStreams < 0) {
			throw new IllegalArgumentException("promptledger.watch.max-streams must be 0 or more, not " + maxStreams);
		}
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new IllegalArgumentException("promptledger.watch.heartbeat must be positive, not " + heartbeat);
		}
	}

	/**
	 * The most streams this node keeps open: the setting, or else as many as fill a
	 * quarter of the heap at {@link #BYTES_PER_STREAM} each, from 100 to 2,000 (500 in a
	 * 256 MiB heap).
	 */
	public int limit() {
		if (this.maxStreams != null) {
			return this.maxStreams;
		}
		long quarter = Runtime.getRuntime().maxMemory() / 4;
		return (int) Math.max(100, Math.min(2000, quarter / BYTES_PER_STREAM));
	}

}
