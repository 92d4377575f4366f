package dev.promptledger.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL half of the suite: one database of its own per test run (LISTEN/NOTIFY
 * channels are per database, so runs and schemas must not share one), created on first
 * use and dropped when the JVM exits. The server is {@code PROMPTLEDGER_TEST_PG_URL}
 * (default the local test database).
 */
public final class PostgresDatabase {

	private static final String SERVER_URL = env("PROMPTLEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	private static final String USER = env("PROMPTLEDGER_TEST_PG_USER", "postgres");

	private static final String PASSWORD = env("PROMPTLEDGER_TEST_PG_PASSWORD", "");

	private static String url;

	private static String unreachable;

	private PostgresDatabase() {
	}

	/** Why the server cannot be used, or null when it can. */
	public static synchronized String unreachableReason() {
		if (url == null && unreachable == null) {
			create();
		}
		return unreachable;
	}

	/** The JDBC URL of this run's database. */
	public static synchronized String url() {
		if (unreachableReason() != null) {
			throw new IllegalStateException("PostgreSQL is not reachable: " + unreachable);
		}
		return url;
	}

	/**
	 * Another, empty database on the same server for a test that needs one of its own (a
	 * restore target, a legacy schema), dropped when the JVM exits.
	 */
	public static synchronized String scratch(String stem) {
		url();
		String name = "promptledger_" + stem + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24))
				+ Long.toHexString(System.nanoTime() & 0xffff);
		try (Connection admin = connect(SERVER_URL); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + name, ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
		return SERVER_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
	}

	public static String user() {
		return USER;
	}

	public static String password() {
		return PASSWORD;
	}

	private static void create() {
		String name = "promptledger_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
				+ "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
		try (Connection admin = connect(SERVER_URL); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			unreachable = ex.getMessage();
			return;
		}
		url = SERVER_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
	}

	private static void drop(String name) {
		try (Connection admin = connect(SERVER_URL); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	private static Connection connect(String jdbcUrl) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection(jdbcUrl, properties);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
