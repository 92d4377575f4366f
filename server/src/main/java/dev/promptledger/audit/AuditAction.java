package dev.promptledger.audit;

/** The actions the audit log records, by their wire names. */
public enum AuditAction {

	PROMPT_CREATE("prompt.create"), PROMPT_UPDATE("prompt.update"), PROMPT_PATCH("prompt.patch"),
	PROMPT_REVERT("prompt.revert"), PROMPT_DELETE("prompt.delete"), PROMPT_TAGS("prompt.tags"),
	LABEL_MOVE("label.move"), LABEL_DELETE("label.delete"), POLICY_SET("policy.set"), POLICY_DELETE("policy.delete"),
	CHANGE_REQUEST_OPEN("change_request.open"), CHANGE_REQUEST_APPROVE("change_request.approve"),
	CHANGE_REQUEST_REJECT("change_request.reject"), CHANGE_REQUEST_CANCEL("change_request.cancel"),
	CHANGE_REQUEST_APPLY("change_request.apply"), CHANGE_REQUEST_STALE("change_request.stale"),
	WEBHOOK_CREATE("webhook.create"), WEBHOOK_DELETE("webhook.delete"), USER_CREATE("user.create"),
	USER_UPDATE("user.update"), USER_PASSWORD("user.password"), TOKEN_CREATE("token.create"),
	TOKEN_REVOKE("token.revoke");

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
