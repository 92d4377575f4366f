package dev.promptledger.identity;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The web UI's password login: users with a password who are not disabled. */
class AccountDetails implements UserDetailsService {

	private final IdentityStore identities;

	AccountDetails(IdentityStore identities) {
		this.identities = identities;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		User user = this.identities.findUser(username)
			.filter(found -> found.passwordHash() != null)
			.orElseThrow(() -> new UsernameNotFoundException("no password login for this user"));
		return org.springframework.security.core.userdetails.User.withUsername(user.username())
			.password(user.passwordHash())
			.disabled(user.disabled())
			.authorities(List.of(new SimpleGrantedAuthority(user.role().authority())))
			.build();
	}

}
