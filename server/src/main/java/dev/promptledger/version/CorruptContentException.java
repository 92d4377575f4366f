package dev.promptledger.version;

/**
 * Stored content that does not rebuild into what its hash says: never served, always
 * reported.
 */
public class CorruptContentException extends RuntimeException {

	public CorruptContentException(String message) {
		super(message);
	}

}
