package dev.promptledger.version;

import java.util.UUID;

/**
 * Why the {@link Ledger} refused a commit. These say what happened in the history's own
 * terms; the services that call the ledger decide what a client is told.
 */
public abstract sealed class LedgerException extends RuntimeException {

	LedgerException(String message) {
		super(message, null, false, false);
	}

	/** The prompt does not exist or was deleted. */
	public static final class PromptNotFound extends LedgerException {

		private final UUID promptId;

		PromptNotFound(UUID promptId) {
			super("no live prompt " + promptId);
			this.promptId = promptId;
		}

		public UUID promptId() {
			return this.promptId;
		}

	}

	/** The head is not the one the commit expected. */
	public static final class HeadMoved extends LedgerException {

		private final UUID currentVersionId;

		private final int currentNumber;

		HeadMoved(UUID currentVersionId, int currentNumber) {
			super("the head is version " + currentNumber);
			this.currentVersionId = currentVersionId;
			this.currentNumber = currentNumber;
		}

		public UUID currentVersionId() {
			return this.currentVersionId;
		}

		public int currentNumber() {
			return this.currentNumber;
		}

	}

	/** Another live prompt has the name, in some case. */
	public static final class NameTaken extends LedgerException {

		private final String name;

		NameTaken(String name) {
			super("the name '" + name + "' is taken");
			this.name = name;
		}

		public String name() {
			return this.name;
		}

	}

}
