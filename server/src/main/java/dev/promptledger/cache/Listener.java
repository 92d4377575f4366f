package dev.promptledger.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
 * The receiving side of cache coherence on PostgreSQL: one dedicated connection outside
 * the pool, which LISTENs for the other nodes' notifications (read with
 * {@code getNotifications(timeout)}) and every {@value #LOOK_MILLIS} ms looks for changes
 * committed since it last looked, by the transactions of the audit entries that every
 * change writes ({@link #look}). A notification comes after its write's commit, so a node
 * that dies between the two never sends it; the look finds that write all the same, so no
 * cache here serves a value older than a committed write for more than about
 * {@value #LOOK_MILLIS} ms. The look is also the connection's heartbeat; when it fails
 * the connection is replaced. While it is down the node is not {@link #healthy()} and
 * serves reads from the database; when it is back, every cache is cleared before it is
 * used again. On H2 (one node, no NOTIFY) it is always healthy.
 */
@Component
class Listener implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Listener.class);

	/** How often the node looks for changes it may not have been told of. */
	static final int LOOK_MILLIS = 250;

	/** More changes than this in one look: every cache is cleared instead. */
	static final int LOOK_LIMIT = 1000;

	/**
	 * The changes that became visible since the snapshot given (twice): those of
	 * transactions that had not started by then ({@code >= xmax}) or were still running
	 * ({@code xip}), with the snapshot of this very statement to compare the next look
	 * with. The two kinds are two index scans of their own (as one condition joined by
	 * OR, PostgreSQL read the whole table every look); more than {@value #LOOK_LIMIT}
	 * found in all clears every cache.
	 */
	static final String LOOK = """
			SELECT CAST(pg_current_snapshot() AS text) AS snapshot, CAST(NULL AS text) AS prompt_id,
			       CAST(NULL AS text) AS tx, FALSE AS change
			UNION ALL
			(SELECT NULL, CAST(a.prompt_id AS text), CAST(a.tx AS text), TRUE FROM audit_entry a
			 WHERE a.tx >= pg_snapshot_xmax(CAST(? AS pg_snapshot)) ORDER BY a.tx LIMIT %1$d)
			UNION ALL
			(SELECT NULL, CAST(prompt_id AS text), CAST(tx AS text), TRUE FROM audit_entry
			 WHERE tx = ANY (ARRAY(SELECT pg_snapshot_xip(CAST(? AS pg_snapshot)))) LIMIT %1$d)"""
		.formatted(LOOK_LIMIT + 1);

	private final DataSourceProperties dataSource;

	private final String node = UUID.randomUUID().toString();

	private final String applicationName = "promptledger-listener-" + this.node;

	private volatile boolean healthy;

	/**
	 * Transactions of this node's own changes, applied here right after they committed:
	 * the look passes over them (kept long enough for any look to have seen them).
	 */
	private final Cache<String, Boolean> applied = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30))
		.maximumSize(100_000)
		.build();

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

	/** This node applied the changes of this transaction (null: none to remember). */
	void applied(String transaction) {
		if (transaction != null) {
			this.applied.put(transaction, Boolean.TRUE);
		}
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
				String snapshot = look(connection, null);
				this.sink.accept(CacheEvent.all());
				this.healthy = true;
				log.info("Cache listener connected; caches are in use");
				listen(connection, snapshot);
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

	private void listen(Connection connection, String snapshot) throws SQLException {
		PGConnection pg = connection.unwrap(PGConnection.class);
		long nextLook = System.currentTimeMillis() + LOOK_MILLIS;
		while (this.running) {
			PGNotification[] notifications = pg
				.getNotifications((int) Math.max(1, nextLook - System.currentTimeMillis()));
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					// this node applied its own changes right after they committed
					if (!CacheEvent.sender(notification.getParameter()).equals(this.node)) {
						CacheEvent.parseAll(notification.getParameter()).forEach(this.sink);
					}
				}
			}
			if (System.currentTimeMillis() >= nextLook) {
				snapshot = look(connection, snapshot);
				nextLook = System.currentTimeMillis() + LOOK_MILLIS;
			}
		}
	}

	/**
	 * Tells the caches of every change committed since {@code snapshot} (none when null:
	 * the first look only takes the snapshot), and returns the snapshot to look from
	 * next.
	 */
	private String look(Connection connection, String snapshot) throws SQLException {
		if (snapshot == null) {
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SELECT CAST(pg_current_snapshot() AS text)")) {
				row.next();
				return row.getString(1);
			}
		}
		String next = null;
		int found = 0;
		Set<CacheEvent> changes = new LinkedHashSet<>();
		try (PreparedStatement statement = connection.prepareStatement(LOOK)) {
			statement.setString(1, snapshot);
			statement.setString(2, snapshot);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					if (!rows.getBoolean("change")) {
						next = rows.getString("snapshot");
						continue;
					}
					found++;
					if (this.applied.getIfPresent(rows.getString("tx")) != null) {
						continue;
					}
					String prompt = rows.getString("prompt_id");
					changes.add(prompt == null ? CacheEvent.identity() : CacheEvent.prompt(UUID.fromString(prompt)));
				}
			}
		}
		if (found > LOOK_LIMIT) {
			this.sink.accept(CacheEvent.all());
		}
		else {
			changes.forEach(this.sink);
		}
		return next;
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
		Connection connection = DriverManager.getConnection(this.dataSource.determineUrl(), properties);
		try {
			planEachLook(connection);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	/**
	 * Has PostgreSQL plan every look for the table as it is then. The connection lives as
	 * long as the node, and its first looks meet an audit table that may be nearly empty;
	 * the plan cached then (a scan of the whole table, cheapest on a few rows) would stay
	 * until an ANALYZE, four times a second on a table that only grows.
	 */
	static void planEachLook(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET plan_cache_mode = force_custom_plan");
		}
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
