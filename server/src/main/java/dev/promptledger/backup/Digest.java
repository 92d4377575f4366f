package dev.promptledger.backup;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The checksum of a table's rows: the sum, modulo 2^256, of the SHA-256 of each row as
 * written in the backup. It does not depend on the order of the rows, so the same rows
 * give the same checksum from H2 and from PostgreSQL, whose orders of UUIDs and text
 * differ. Since format version 2 the sum starts from the SHA-256 of the table's structure
 * (its name, its columns and their types), so a changed header no longer matches; and the
 * whole file has a checksum too ({@link Whole}).
 */
final class Digest {

	private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

	private BigInteger sum = BigInteger.ZERO;

	private long rows;

	/** A table's checksum that covers its structure as well as its rows. */
	static Digest ofStructure(String table, List<String> columns) {
		Digest digest = new Digest();
		digest.sum = new BigInteger(1,
				sha256(("structure " + table + " " + String.join(",", columns)).getBytes(StandardCharsets.UTF_8)));
		return digest;
	}

	/**
	 * The checksum of a whole file: its header line, then every table's name, count and
	 * checksum, in order.
	 */
	static Whole ofFile(String headerLine) {
		return new Whole(headerLine);
	}

	void add(byte[] row) {
		this.sum = this.sum.add(new BigInteger(1, sha256(row))).mod(MODULUS);
		this.rows++;
	}

	long rows() {
		return this.rows;
	}

	String hex() {
		return String.format("%064x", this.sum);
	}

	private static byte[] sha256(byte[] bytes) {
		return sha256().digest(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The order-dependent checksum of a whole backup. */
	static final class Whole {

		private final MessageDigest digest = sha256();

		private Whole(String headerLine) {
			this.digest.update((headerLine + "\n").getBytes(StandardCharsets.UTF_8));
		}

		void addTable(String table, Digest rows) {
			this.digest.update((table + " " + rows.rows() + " " + rows.hex() + "\n").getBytes(StandardCharsets.UTF_8));
		}

		String hex() {
			return HexFormat.of().formatHex(this.digest.digest());
		}

	}

}
