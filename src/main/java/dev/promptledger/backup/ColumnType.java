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
 * How a column's values are written in a backup, the same from H2 and from PostgreSQL: UUIDs and text
 * as strings, numbers and booleans as such, timestamps as RFC 3339 UTC strings with every digit the
 * database keeps, binary as base64.
 */
enum ColumnType {

	UUID_TYPE("uuid"), TEXT("text"), INTEGER("integer"), BIGINT("bigint"), BOOLEAN("boolean"),
	TIMESTAMP("timestamptz"), BYTES("bytes");

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
		if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz") || name.contains("with time zone")) {
			return TIMESTAMP;
		}
		return switch (jdbcType) {
			case Types.VARCHAR, Types.CHAR, Types.CLOB, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR -> TEXT;
			case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
			case Types.BIGINT -> BIGINT;
			case Types.BOOLEAN, Types.BIT -> BOOLEAN;
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
			default -> throw new BackupException("column " + column + " has the type " + typeName
					+ ", which backups do not know");
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

	void bind(PreparedStatement statement, int index, JsonNode value) throws SQLException {
		Object object = value(value);
		if (object == null) {
			statement.setNull(index, sqlType());
		}
		else {
			statement.setObject(index, object);
		}
	}

	/** The value as the object JDBC binds for it. */
	Object value(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		return switch (this) {
			case UUID_TYPE -> UUID.fromString(value.asString());
			case TEXT -> value.asString();
			case INTEGER -> value.asInt();
			case BIGINT -> value.asLong();
			case BOOLEAN -> value.asBoolean();
			case TIMESTAMP -> Instant.parse(value.asString()).atOffset(ZoneOffset.UTC);
			case BYTES -> Base64.getDecoder().decode(value.asString());
		};
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
