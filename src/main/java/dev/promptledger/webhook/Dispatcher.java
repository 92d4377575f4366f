package dev.promptledger.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.audit.Outbox;
import dev.promptledger.config.DatabaseKind;

/**
 * Delivers the outbox: a few worker threads per node, each taking one due delivery at a
 * time under its row lock ({@link WebhookStore#claim}), sending it, and recording the
 * attempt in the same transaction. A failed attempt waits by the retry schedule; after
 * the last wait it is marked failed, and the queue behind it moves on. Workers wake when
 * this node commits an event and poll for the others'.
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

	private final Semaphore wake = new Semaphore(0);

	private final List<Thread> threads = new ArrayList<>();

	private final Counter delivered;

	private final Counter retried;

	private final Counter failed;

	private volatile boolean running;

	Dispatcher(WebhookStore store, PlatformTransactionManager transactions, WebhookSettings settings, Clock clock,
			DatabaseKind database, MeterRegistry registry) {
		this.store = store;
		this.transaction = new TransactionTemplate(transactions);
		this.settings = settings;
		this.schedule = settings.schedule();
		this.clock = clock;
		this.sender = new Sender(new TargetGuard(settings.allowPrivate()), settings.timeout(), clock);
		this.workers = database == DatabaseKind.POSTGRESQL ? settings.workers() : 1;
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
		this.wake.release(this.workers);
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
				sent = deliverOne();
			}
			catch (RuntimeException ex) {
				// the database is away, or the node stops: try again at the next poll
				log.warn("Webhook delivery paused: {}", ex.getClass().getSimpleName());
			}
			if (!sent) {
				try {
					this.wake.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
					this.wake.drainPermits();
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/** Makes one due delivery; false when none was due. */
	boolean deliverOne() {
		Boolean sent = this.transaction.execute(status -> {
			Optional<WebhookStore.Due> claimed = this.store.claim(this.clock.instant());
			if (claimed.isEmpty()) {
				return false;
			}
			WebhookStore.Due due = claimed.get();
			Sender.Outcome outcome = this.sender.send(due.url(), due.secret(), due.eventId().toString(), due.payload());
			Instant at = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			if (outcome.delivered()) {
				this.store.attempted(due, "delivered", outcome.statusCode(), at, null);
				this.delivered.increment();
			}
			else if (due.attempts() < this.schedule.size()) {
				this.store.attempted(due, "pending", outcome.statusCode(), at,
						at.plus(this.schedule.get(due.attempts())));
				this.retried.increment();
			}
			else {
				this.store.attempted(due, "failed", outcome.statusCode(), at, null);
				this.failed.increment();
				log.warn("Webhook {} gave up on event {} after {} attempts (last: {})", due.webhookId(), due.eventId(),
						due.attempts() + 1, outcome.error() != null ? outcome.error() : "HTTP " + outcome.statusCode());
			}
			return true;
		});
		return Boolean.TRUE.equals(sent);
	}

}
