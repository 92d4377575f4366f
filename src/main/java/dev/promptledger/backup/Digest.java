package dev.promptledger.backup;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checksum of a table's rows: the sum, modulo 2^256, of the SHA-256 of each row as written in the
 * backup. It does not depend on the order of the rows, so the same rows give the same checksum from
 * H2 and from PostgreSQL, whose orders of UUIDs and text differ.
 */
final class Digest {

	private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

	private BigInteger sum = BigInteger.ZERO;

	private long rows;

	void add(byte[] row) {
		try {
			this.sum = this.sum.add(new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(row))).mod(MODULUS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		this.rows++;
	}

	long rows() {
		return this.rows;
	}

	String hex() {
		return String.format("%064x", this.sum);
	}

}
