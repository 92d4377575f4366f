package dev.promptledger.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import org.springframework.stereotype.Service;

import dev.promptledger.config.DatabaseKind;
import dev.promptledger.schema.SchemaStatus;

/**
 * {@code backup} and {@code restore}: everything promptledger holds (users with their
 * hashed secrets, tokens, prompts, every version and content, labels and their history,
 * the audit log) in one portable file that restores into H2 or PostgreSQL, whichever it
 * came from. A restore brings the schema of an empty database to the backup's version,
 * loads the rows, and leaves the schema there: the next node to start migrates it
 * further, exactly as it would have migrated the original.
 */
@Service
public class Backups {

	/**
	 * The outcome of a backup or a restore: the schema version and the rows of each
	 * table.
	 */
	public record Summary(String schemaVersion, Map<String, Long> rows, String warning) {

		public long total() {
			return this.rows.values().stream().mapToLong(Long::longValue).sum();
		}

		Summary withWarning(String text) {
			return new Summary(this.schemaVersion, this.rows, text);
		}

	}

	private final DataSource dataSource;

	private final Flyway flyway;

	private final DatabaseKind kind;

	Backups(DataSource dataSource, Flyway flyway, DatabaseKind kind) {
		this.dataSource = dataSource;
		this.flyway = flyway;
		this.kind = kind;
	}

	/**
	 * Writes a backup to {@code file} (through a temporary file, so an interrupted backup
	 * leaves nothing).
	 */
	public Summary backup(Path file) throws IOException, SQLException {
		SchemaStatus status = SchemaStatus.of(this.flyway);
		if (status.applied().equals(MigrationVersion.EMPTY)) {
			throw new BackupException("the database has no promptledger schema: nothing to back up");
		}
		if (status.ahead()) {
			throw new BackupException(
					"the database schema is at version " + status.applied() + ", newer than this release ("
							+ status.known() + "): back it up with the release that migrated it");
		}
		Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".promptledger-backup-", ".tmp");
		BackupWriter.Written written;
		try (Connection connection = this.dataSource.getConnection();
				OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			try {
				written = BackupWriter.write(connection, out, status.applied().getVersion(),
						connection.getMetaData().getDatabaseProductName() + " "
								+ connection.getMetaData().getDatabaseProductVersion());
			}
			finally {
				connection.rollback();
			}
		}
		catch (IOException | SQLException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Map<String, Long> rows = new java.util.LinkedHashMap<>();
		written.tables().forEach((table, digest) -> rows.put(table, digest.rows()));
		return new Summary(written.schemaVersion(), rows, null);
	}

	/**
	 * Restores {@code file} into this database, which must hold no promptledger schema;
	 * with {@code replace}, a database that holds only promptledger's tables is replaced.
	 * The whole file is verified before anything changes; a replaced database is first
	 * backed up beside the file, and put back from that copy if the load fails after all,
	 * so a bad file never leaves a database destroyed.
	 */
	public Summary restore(Path file, boolean replace) throws IOException, SQLException {
		BackupReader.Header header;
		try (BufferedReader in = open(file)) {
			header = BackupReader.Header.read(in);
			MigrationVersion version = MigrationVersion.fromVersion(header.schemaVersion());
			MigrationVersion known = SchemaStatus.of(this.flyway).known();
			if (version.isNewerThan(known.getVersion())) {
				throw new BackupException("the backup is of schema version " + version + ", newer than this release ("
						+ known + "): restore it with the release that made it");
			}
			BackupReader.verify(in, header);
		}
		catch (java.util.zip.ZipException | java.io.EOFException ex) {
			throw new BackupException("the file is cut short or damaged (its gzip data ends early or is corrupt)");
		}
		if (!occupied(replace)) {
			return loadOrClean(file, header);
		}
		Path safety = Files.createTempFile(file.toAbsolutePath().getParent(), ".promptledger-before-restore-", ".tmp");
		try {
			String warning = null;
			try {
				backup(safety);
			}
			catch (BackupException ex) {
				warning = "the database could not be backed up before it was replaced (" + ex.getMessage()
						+ "); the file was verified whole before anything changed";
				Files.deleteIfExists(safety);
			}
			clean();
			try {
				Summary restored = load(file, header);
				return warning == null ? restored : restored.withWarning(warning);
			}
			catch (IOException | SQLException | RuntimeException ex) {
				clean();
				if (Files.exists(safety)) {
					try (BufferedReader in = open(safety)) {
						load(safety, BackupReader.Header.read(in));
					}
					throw new BackupException(message(ex) + "; nothing changed: the database was put back as it was");
				}
				throw ex;
			}
		}
		finally {
			Files.deleteIfExists(safety);
		}
	}

	/** Loads into an empty database; a load that fails leaves it empty again. */
	private Summary loadOrClean(Path file, BackupReader.Header header) throws IOException, SQLException {
		try {
			return load(file, header);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			clean();
			throw ex;
		}
	}

	/**
	 * Migrates the empty schema to the backup's version and loads the file's rows in one
	 * transaction.
	 */
	private Summary load(Path file, BackupReader.Header header) throws IOException, SQLException {
		MigrationVersion version = MigrationVersion.fromVersion(header.schemaVersion());
		Flyway.configure(getClass().getClassLoader())
			.configuration(this.flyway.getConfiguration())
			.target(version)
			.load()
			.migrate();
		try (BufferedReader in = open(file); Connection connection = this.dataSource.getConnection()) {
			BackupReader.Header.read(in);
			connection.setAutoCommit(false);
			try {
				DeferredIndexes indexes = DeferredIndexes.drop(connection, this.kind,
						Table.inFormat(header.formatVersion()));
				Map<String, Long> rows = BackupReader.load(in, header, connection, this.kind,
						schema(connection, header.formatVersion()));
				indexes.rebuild(connection);
				connection.commit();
				return new Summary(version.getVersion(), rows, null);
			}
			catch (IOException | SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	/**
	 * The columns each backed-up table has in this database, as a backup would describe
	 * them.
	 */
	private static Map<Table, List<BackupReader.Column>> schema(Connection connection, int formatVersion)
			throws SQLException {
		Map<Table, List<BackupReader.Column>> schema = new java.util.EnumMap<>(Table.class);
		for (Table table : Table.inFormat(formatVersion)) {
			List<BackupReader.Column> columns = new ArrayList<>();
			try (java.sql.Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT * FROM " + table.sqlName() + " WHERE 1 = 0")) {
				java.sql.ResultSetMetaData meta = rs.getMetaData();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
					if (!table.holds(name)) {
						continue;
					}
					columns.add(new BackupReader.Column(name, ColumnType.of(meta.getColumnType(i),
							meta.getColumnTypeName(i), table.sqlName() + "." + name)));
				}
			}
			schema.put(table, columns);
		}
		return schema;
	}

	private static BufferedReader open(Path file) throws IOException {
		try {
			return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
					StandardCharsets.UTF_8), 1 << 16);
		}
		catch (java.util.zip.ZipException | java.io.EOFException ex) {
			throw new BackupException("the file is not a promptledger backup (not gzip data)");
		}
	}

	private static String message(Exception ex) {
		return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
	}

	/**
	 * Whether the database holds promptledger's schema, which only {@code replace} allows
	 * (everything in the schema goes then, the leftovers of a failed migration too, as
	 * promptledger's database is its own).
	 */
	private boolean occupied(boolean replace) throws SQLException {
		List<String> ours = new ArrayList<>();
		for (String table : tables()) {
			if (Table.NOT_BACKED_UP.contains(table)
					|| java.util.Arrays.stream(Table.values()).anyMatch(t -> t.sqlName().equals(table))) {
				ours.add(table);
			}
		}
		if (ours.isEmpty()) {
			return false;
		}
		if (!replace) {
			throw new BackupException("the database is not empty (it has the tables " + ours + "); restore into an "
					+ "empty database, or add --replace to empty this one first");
		}
		if (!ours.contains("flyway_schema_history")) {
			throw new BackupException("--replace empties the whole schema, and this one has no promptledger schema "
					+ "history: it does not look like promptledger's own database; restore into an empty one");
		}
		return true;
	}

	private void clean() {
		Flyway.configure(getClass().getClassLoader())
			.configuration(this.flyway.getConfiguration())
			.cleanDisabled(false)
			.load()
			.clean();
	}

	private List<String> tables() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				ResultSet rs = connection.getMetaData()
					.getTables(null, connection.getSchema(), "%", new String[] { "TABLE" })) {
			while (rs.next()) {
				tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
			}
		}
		return tables;
	}

}
