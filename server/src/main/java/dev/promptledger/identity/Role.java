package dev.promptledger.identity;

import java.util.Locale;

/** The four roles, each allowed everything the one before it is. */
public enum Role {

	VIEWER, EDITOR, MAINTAINER, ADMIN;

	/** The role that reading prompts takes, on the full read path and the fast one. */
	public static final Role TO_READ = VIEWER;

	/**
	 * The role that moving and deleting a label without a policy takes, by its own
	 * endpoints or in a write's {@code labels}; a policy may ask for more.
	 */
	public static final Role TO_MOVE_LABELS = EDITOR;

	/**
	 * The role that creating and changing prompts takes, on the full path and the fast
	 * one.
	 */
	public static final Role TO_WRITE = EDITOR;

	/** Whether this role is allowed what {@code other} is. */
	public boolean atLeast(Role other) {
		return compareTo(other) >= 0;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

	public static Role fromWire(String value) {
		for (Role role : values()) {
			if (role.wireName().equals(value)) {
				return role;
			}
		}
		return null;
	}

}
