package dev.promptledger.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed delivery with Apache HttpClient: every address it connects to passes
 * the {@link TargetGuard}; redirects are not followed (a 3xx is a failure); the answer
 * must come within the timeout, which also bounds the whole exchange.
 */
final class Sender implements AutoCloseable {

	/** An attempt's outcome: the status code, or null when none came (with why). */
	record Outcome(Integer statusCode, String error) {

		boolean delivered() {
			return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
		}

	}

	private final CloseableHttpClient client;

	private final TargetGuard guard;

	private final Clock clock;

	private final long timeoutMillis;

	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "webhook-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	Sender(TargetGuard guard, java.time.Duration timeout, Clock clock) {
		this.guard = guard;
		this.clock = clock;
		this.timeoutMillis = timeout.toMillis();
		Timeout limit = Timeout.ofMilliseconds(this.timeoutMillis);
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(guard)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.setMaxConnTotal(50)
				.setMaxConnPerRoute(4)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent("promptledger-webhooks")
			.build();
	}

	Outcome send(String url, String secret, String messageId, String body) {
		URI target = URI.create(url);
		try {
			// a literal address is checked here too: a client may skip resolving it
			String problem = this.guard.problem(target);
			if (problem != null) {
				return new Outcome(null, problem);
			}
		}
		catch (IOException ex) {
			return new Outcome(null, "cannot resolve " + target.getHost());
		}
		long timestamp = this.clock.instant().getEpochSecond();
		HttpPost post = new HttpPost(target);
		post.setHeader("webhook-id", messageId);
		post.setHeader("webhook-timestamp", Long.toString(timestamp));
		post.setHeader("webhook-signature", Signature.sign(secret, messageId, timestamp, body));
		post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
		ScheduledFuture<?> deadline = this.deadlines.schedule(post::cancel, this.timeoutMillis, TimeUnit.MILLISECONDS);
		try {
			return this.client.execute(post, response -> new Outcome(response.getCode(), null));
		}
		catch (IOException | RuntimeException ex) {
			return new Outcome(null, post.isCancelled() ? "no answer within " + this.timeoutMillis + " ms"
					: ex.getClass().getSimpleName());
		}
		finally {
			deadline.cancel(false);
		}
	}

	@Override
	public void close() throws IOException {
		this.deadlines.shutdownNow();
		this.client.close();
	}

}
