package dev.promptledger.backup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * How a column's values are written in a backup, the same from H2 and from PostgreSQL:
 * UUIDs and text as strings, numbers and booleans as such, timestamps as RFC 3339 UTC
 * strings with every digit the database keeps, binary as base64.
 */
enum ColumnType {

	UUID_TYPE("uuid"), TEXT("text"), INTEGER("integer"), BIGINT("bigint"), BOOLEAN("boolean"), TIMESTAMP("timestamptz"),
	BYTES("bytes");

	private final String wire;

	ColumnType(String wire) {
		this.wire = wire;
	}

	String wire() {
		return this.wire;
	}

	static ColumnType fromWire(String wire) {
		for (ColumnType type : values()) {
			if (type.wire.equals(wire)) {
				return type;
			}
		}
		throw new BackupException("the backup has a column of unknown type " + wire);
	}

	/** The type of a column as JDBC describes it on either database. */
	static ColumnType of(int jdbcType, String typeName, String column) {
		String name = typeName.toLowerCase(Locale.ROOT);
		if (name.equals("uuid")) {
			return UUID_TYPE;
		}
		if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz")
				|| name.contains("with time zone")) {
			return TIMESTAMP;
		}
		return switch (jdbcType) {
			case Types.VARCHAR, Types.CHAR, Types.CLOB, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR -> TEXT;
			case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
			case Types.BIGINT -> BIGINT;
			case Types.BOOLEAN, Types.BIT -> BOOLEAN;
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
			default -> throw new BackupException(
					"column " + column + " has the type " + typeName + ", which backups do not know");
		};
	}

	void write(JsonGenerator out, ResultSet rs, int index) throws SQLException {
		switch (this) {
			case UUID_TYPE -> {
				UUID value = rs.getObject(index, UUID.class);
				if (value == null) {
					out.writeNull();
				}
				else {
					out.writeString(value.toString());
				}
			}
			case TEXT -> {
				String value = rs.getString(index);
				if (value == null) {
					out.writeNull();
				}
				else {
					out.writeString(value);
				}
			}
			case INTEGER, BIGINT -> {
				long value = rs.getLong(index);
				if (rs.wasNull()) {
					out.writeNull();
				}
				else {
					out.writeNumber(value);
				}
			}
			case BOOLEAN -> {
				boolean value = rs.getBoolean(index);
				if (rs.wasNull()) {
					out.writeNull();
				}
				else {
					out.writeBoolean(value);
				}
			}
			case TIMESTAMP -> {
				OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
				if (value == null) {
					out.writeNull();
				}
				else {
					out.writeString(value.toInstant().toString());
				}
			}
			case BYTES -> {
				byte[] value = rs.getBytes(index);
				if (value == null) {
					out.writeNull();
				}
				else {
					out.writeString(Base64.getEncoder().encodeToString(value));
				}
			}
		}
	}

	/** Binds a value made by {@link #value}, or null. */
	void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, sqlType());
		}
		else {
			statement.setObject(index, value);
		}
	}

	/**
	 * The value as the object JDBC binds for it; a value of the wrong JSON type is a
	 * damaged backup.
	 */
	Object value(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			return switch (this) {
				case UUID_TYPE -> UUID.fromString(string(value));
				case TEXT -> string(value);
				case INTEGER -> {
					if (!value.isIntegralNumber() || !value.canConvertToInt()) {
						throw new IllegalArgumentException();
					}
					yield value.intValue();
				}
				case BIGINT -> {
					if (!value.isIntegralNumber() || !value.canConvertToLong()) {
						throw new IllegalArgumentException();
					}
					yield value.longValue();
				}
				case BOOLEAN -> {
					if (!value.isBoolean()) {
						throw new IllegalArgumentException();
					}
					yield value.booleanValue();
				}
				case TIMESTAMP -> Instant.parse(string(value)).atOffset(ZoneOffset.UTC);
				case BYTES -> Base64.getDecoder().decode(string(value));
			};
		}
		catch (RuntimeException ex) {
			throw new BackupException(
					"the backup has a value that is not of its column's type " + this.wire + " (the file is damaged)");
		}
	}

	private static String string(JsonNode value) {
		if (!value.isString()) {
			throw new IllegalArgumentException();
		}
		return value.stringValue();
	}

	private int sqlType() {
		return switch (this) {
			case UUID_TYPE -> Types.OTHER;
			case TEXT -> Types.VARCHAR;
			case INTEGER -> Types.INTEGER;
			case BIGINT -> Types.BIGINT;
			case BOOLEAN -> Types.BOOLEAN;
			case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
			case BYTES -> Types.BINARY;
		};
	}

}
