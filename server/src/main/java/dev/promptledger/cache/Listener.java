package dev.promptledger.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

import dev.promptledger.config.DatabaseKind;

/**
 * The LISTEN side of cache coherence on PostgreSQL: one dedicated connection outside the
 * pool, read with {@code getNotifications(timeout)}, checked by a round trip every
 * {@value #HEARTBEAT_MILLIS} ms, reconnected when it fails. While it is down the node is
 * not {@link #healthy()} and serves reads from the database; when it is back, every cache
 * is cleared before it is used again. On H2 (one node, no NOTIFY) it is always healthy.
 */
@Component
class Listener implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Listener.class);

	static final int HEARTBEAT_MILLIS = 1000;

	private static final int POLL_MILLIS = 250;

	private final DataSourceProperties dataSource;

	private final String node = UUID.randomUUID().toString();

	private final String applicationName = "promptledger-listener-" + this.node;

	private volatile boolean healthy;

	private volatile boolean running = true;

	private volatile Consumer<CacheEvent> sink = event -> {
	};

	private Thread thread;

	/**
	 * False for the operator's commands: they send notifications but need not hear any.
	 */
	private final boolean listen;

	Listener(DataSourceProperties dataSource, @Value("${promptledger.startup.listen:true}") boolean listen) {
		this.dataSource = dataSource;
		this.listen = listen;
		this.healthy = !distributed();
	}

	boolean distributed() {
		return DatabaseKind.of(this.dataSource.determineUrl()) == DatabaseKind.POSTGRESQL;
	}

	/** This node's name in notifications. */
	String node() {
		return this.node;
	}

	boolean healthy() {
		return this.healthy;
	}

	/**
	 * The {@code application_name} of the listening connection, so operators (and tests)
	 * can find it.
	 */
	String applicationName() {
		return this.applicationName;
	}

	void onEvent(Consumer<CacheEvent> sink) {
		this.sink = sink;
	}

	@Override
	public void afterPropertiesSet() {
		if (!distributed() || !this.listen) {
			return;
		}
		this.thread = new Thread(this::run, "cache-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void destroy() throws InterruptedException {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			this.thread.join(2000);
		}
	}

	private void run() {
		while (this.running) {
			try (Connection connection = connect()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + Coherence.CHANNEL);
				}
				this.sink.accept(CacheEvent.all());
				this.healthy = true;
				log.info("Cache listener connected; caches are in use");
				listen(connection);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.healthy) {
					log.warn("Cache listener lost its connection ({}); reading from the database until it is back",
							ex.getClass().getSimpleName());
				}
			}
			finally {
				markDown();
			}
			sleep(500);
		}
	}

	private void listen(Connection connection) throws SQLException {
		PGConnection pg = connection.unwrap(PGConnection.class);
		long nextHeartbeat = System.currentTimeMillis() + HEARTBEAT_MILLIS;
		while (this.running) {
			PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					// this node applied its own changes right after they committed
					if (!CacheEvent.sender(notification.getParameter()).equals(this.node)) {
						this.sink.accept(CacheEvent.parse(notification.getParameter()));
					}
				}
			}
			if (System.currentTimeMillis() >= nextHeartbeat) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT 1");
				}
				nextHeartbeat = System.currentTimeMillis() + HEARTBEAT_MILLIS;
			}
		}
	}

	private void markDown() {
		this.healthy = false;
		this.sink.accept(CacheEvent.all());
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		if (this.dataSource.determineUsername() != null) {
			properties.setProperty("user", this.dataSource.determineUsername());
		}
		if (this.dataSource.determinePassword() != null) {
			properties.setProperty("password", this.dataSource.determinePassword());
		}
		properties.setProperty("ApplicationName", this.applicationName);
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("socketTimeout", "5");
		properties.setProperty("tcpKeepAlive", "true");
		return DriverManager.getConnection(this.dataSource.determineUrl(), properties);
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
