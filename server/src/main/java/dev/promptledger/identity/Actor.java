package dev.promptledger.identity;

/** Who is making a request: the principal of every authenticated API call. */
public record Actor(String username, Role role) {

	@Override
	public String toString() {
		return this.username;
	}

}
