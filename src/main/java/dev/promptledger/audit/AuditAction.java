package dev.promptledger.audit;

/** The actions the audit log records, by their wire names. */
public enum AuditAction {

	PROMPT_CREATE("prompt.create"), PROMPT_UPDATE("prompt.update"), PROMPT_PATCH("prompt.patch"),
	PROMPT_REVERT("prompt.revert"), PROMPT_DELETE("prompt.delete"), PROMPT_TAGS("prompt.tags"),
	LABEL_MOVE("label.move"), LABEL_DELETE("label.delete"), USER_CREATE("user.create"), USER_UPDATE("user.update"),
	USER_PASSWORD("user.password"), TOKEN_CREATE("token.create"), TOKEN_REVOKE("token.revoke");

	private final String wireName;

	AuditAction(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	public static AuditAction fromWire(String value) {
		for (AuditAction action : values()) {
			if (action.wireName.equals(value)) {
				return action;
			}
		}
		return null;
	}

}
