package dev.promptledger.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.audit.Outbox;
import dev.promptledger.config.DatabaseKind;

/**
 * Delivers the outbox: a few worker threads per node, each taking a batch of due
 * deliveries (at most one per queue) under their row locks ({@link WebhookStore#claim}),
 * sending them, and recording the attempts in the same transaction. A failed attempt
 * waits by the retry schedule; after the last wait it is marked failed, and the queue
 * behind it moves on. Workers wake when this node commits an event and poll for the
 * others'.
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final WebhookStore store;

	private final TransactionTemplate transaction;

	private final WebhookSettings settings;

	private final List<Duration> schedule;

	private final Clock clock;

	private final Sender sender;

	private final int workers;

	/** The most deliveries one transaction claims. */
	static final int BATCH = 32;

	private final Semaphore wake = new Semaphore(0);

	private final List<Thread> threads = new ArrayList<>();

	private final Counter delivered;

	private final Counter retried;

	private final Counter failed;

	private volatile boolean running;

	/**
	 * False for the operator's commands: a backup or restore must not send (and mark) the
	 * deliveries of the data it is reading or replacing.
	 */
	private final boolean deliver;

	Dispatcher(WebhookStore store, PlatformTransactionManager transactions, WebhookSettings settings, Clock clock,
			DatabaseKind database, MeterRegistry registry,
			@Value("${promptledger.startup.deliver:true}") boolean deliver) {
		this.deliver = deliver;
		this.store = store;
		this.transaction = new TransactionTemplate(transactions);
		this.settings = settings;
		this.schedule = settings.schedule();
		this.clock = clock;
		this.sender = new Sender(new TargetGuard(settings.allowPrivate()), settings.timeout(), clock);
		this.workers = database == DatabaseKind.POSTGRESQL ? settings.workers() : Math.min(1, settings.workers());
		this.delivered = attempts(registry, "delivered");
		this.retried = attempts(registry, "retry");
		this.failed = attempts(registry, "failed");
		Gauge.builder("promptledger.webhook.deliveries.pending", store, WebhookStore::pending)
			.description("Deliveries waiting to be made, on every node")
			.register(registry);
	}

	private static Counter attempts(MeterRegistry registry, String outcome) {
		return Counter.builder("promptledger.webhook.attempts")
			.description("Delivery attempts made by this node, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	/** This node committed an event: deliver it now rather than at the next poll. */
	@TransactionalEventListener
	void written(Outbox.Written written) {
		if (this.wake.availablePermits() < this.workers) {
			this.wake.release(this.workers);
		}
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i < this.workers; i++) {
			Thread thread = new Thread(this::work, "webhook-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.wake.release(this.workers);
		for (Thread thread : this.threads) {
			try {
				thread.join(this.settings.timeout().toMillis() + 1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.threads.clear();
		try {
			this.sender.close();
		}
		catch (java.io.IOException ex) {
			log.debug("closing the webhook client", ex);
		}
	}

	@Override
	public boolean isAutoStartup() {
		return this.deliver;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the data source closes, and starts after it is up. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	private void work() {
		while (this.running) {
			boolean sent = false;
			try {
				sent = deliverBatch();
			}
			catch (RuntimeException ex) {
				// the database is away, or the node stops: try again at the next poll
				log.warn("Webhook delivery paused: {}", ex.getClass().getSimpleName());
			}
			if (!sent) {
				try {
					this.wake.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/**
	 * Makes a batch of due deliveries (one per queue at most), in one transaction that
	 * holds their rows; a batch stops taking more time than one receiver may, and what it
	 * did not send is left for the next. False when none was due.
	 */
	boolean deliverBatch() {
		Boolean sent = this.transaction.execute(status -> {
			List<WebhookStore.Due> claimed = this.store.claim(this.clock.instant(), BATCH);
			if (claimed.isEmpty()) {
				return false;
			}
			long budget = System.nanoTime() + this.settings.timeout().toNanos();
			List<WebhookStore.Attempt> attempts = new ArrayList<>();
			for (WebhookStore.Due due : claimed) {
				if (!attempts.isEmpty() && System.nanoTime() > budget) {
					break;
				}
				attempts.add(attempt(due));
			}
			this.store.attempted(attempts);
			return true;
		});
		return Boolean.TRUE.equals(sent);
	}

	private WebhookStore.Attempt attempt(WebhookStore.Due due) {
		Sender.Outcome outcome = this.sender.send(due.url(), due.secret(), due.eventId().toString(), due.payload());
		Instant at = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (outcome.delivered()) {
			this.delivered.increment();
			return new WebhookStore.Attempt(due, "delivered", outcome.statusCode(), at, null);
		}
		if (due.attempts() < this.schedule.size()) {
			this.retried.increment();
			return new WebhookStore.Attempt(due, "pending", outcome.statusCode(), at,
					at.plus(this.schedule.get(due.attempts())));
		}
		this.failed.increment();
		log.warn("Webhook {} gave up on event {} after {} attempts (last: {})", due.webhookId(), due.eventId(),
				due.attempts() + 1, outcome.error() != null ? outcome.error() : "HTTP " + outcome.statusCode());
		return new WebhookStore.Attempt(due, "failed", outcome.statusCode(), at, null);
	}

}
