package dev.promptledger.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * How webhooks are delivered ({@code promptledger.webhooks.*}; the environment variables
 * are in application.properties and the README).
 *
 * @param retrySchedule the waits between attempts, comma-separated durations
 * ({@code 5s,30s,2m}); after the last the delivery is marked failed
 * @param allowPrivate whether loopback and private addresses may be targets (link-local
 * ones never may)
 * @param workers how many deliveries one node makes at once (at most one on H2); 0: this
 * node delivers nothing (others do)
 * @param pollInterval how often a node looks for due deliveries it was not told of
 * @param timeout how long a receiver has to answer 2xx
 */
@ConfigurationProperties("promptledger.webhooks")
public record WebhookSettings(@DefaultValue(WebhookSettings.DEFAULT_SCHEDULE) String retrySchedule,
		@DefaultValue("false") boolean allowPrivate, @DefaultValue("2") int workers,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration timeout) {

	/** 5s, 30s, 2m, 10m, 1h, then every 6h: the last attempt falls within 3 days. */
	public static final String DEFAULT_SCHEDULE = "5s,30s,2m,10m,1h,6h,6h,6h,6h,6h,6h,6h,6h,6h,6h,6h";

	public WebhookSettings {
		schedule(retrySchedule);
		if (workers < 0) {
			throw new IllegalArgumentException("promptledger.webhooks.workers must be 0 or more, not " + workers);
		}
	}

	/** The waits before the second, third, ... attempt. */
	public List<Duration> schedule() {
		return schedule(this.retrySchedule);
	}

	static List<Duration> schedule(String text) {
		List<Duration> waits = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return schedule(DEFAULT_SCHEDULE);
		}
		for (String part : text.split(",")) {
			try {
				Duration wait = DurationStyle.SIMPLE.parse(part.trim());
				if (wait.isNegative()) {
					throw new IllegalArgumentException("negative");
				}
				waits.add(wait);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("PROMPTLEDGER_WEBHOOKS_RETRY_SCHEDULE must be comma-separated "
						+ "durations such as 5s,30s,2m,1h; '" + part.trim() + "' is not one");
			}
		}
		return List.copyOf(waits);
	}

}
