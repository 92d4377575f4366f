package dev.promptledger.backup;

/**
 * A backup that cannot be written or restored; the message says why, for an operator to
 * read.
 */
public class BackupException extends RuntimeException {

	BackupException(String message) {
		super(message);
	}

	BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
