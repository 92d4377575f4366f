package dev.promptledger.identity;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import dev.promptledger.config.PromptledgerProperties;

/**
 * Who may call what: the role table of the API contract, enforced on the URL before any handler
 * runs, so a missing right is a 403 before any 404.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** Also the firewall's {@code RequestRejectedHandler}, which Spring Security finds by type. */
	@Bean
	ProblemSecurityHandlers problemSecurityHandlers() {
		return new ProblemSecurityHandlers();
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role("ADMIN").implies("MAINTAINER")
			.role("MAINTAINER").implies("EDITOR")
			.role("EDITOR").implies("VIEWER")
			.build();
	}

	/** No password login on the API; this keeps Boot from creating a default user with a logged password. */
	@Bean
	UserDetailsService noPasswordLogin() {
		return username -> {
			throw new UsernameNotFoundException("password login is not enabled");
		};
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, IdentityStore identities, ProblemSecurityHandlers handlers,
			PromptledgerProperties properties) throws Exception {
		AuthFailureLimiter limiter = new AuthFailureLimiter(properties.authFailureLimit(), properties.authFailureWindow());
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.addFilterBefore(new BearerTokenFilter(identities, handlers, limiter), AuthorizationFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/error").permitAll()
				.requestMatchers(GET, "/health", "/openapi.json", "/openapi.json/**", "/docs", "/docs/**",
						"/swagger-ui/**").permitAll()
				.requestMatchers(POST, "/prompts/*/versions/*/revert").hasRole("MAINTAINER")
				.requestMatchers(DELETE, "/prompts/*").hasRole("MAINTAINER")
				.requestMatchers(PUT, "/prompts/*/labels/*").hasRole("MAINTAINER")
				.requestMatchers(DELETE, "/prompts/*/labels/*").hasRole("MAINTAINER")
				.requestMatchers(POST, "/prompts/*/render").hasRole("VIEWER")
				.requestMatchers(POST, "/prompts").hasRole("EDITOR")
				.requestMatchers(PUT, "/prompts/*").hasRole("EDITOR")
				.requestMatchers(PATCH, "/prompts/*").hasRole("EDITOR")
				.requestMatchers(GET, "/prompts", "/prompts/**").hasRole("VIEWER")
				.requestMatchers("/me", "/me/**").authenticated()
				.requestMatchers("/users", "/users/**", "/tokens/**", "/audit", "/metrics").hasRole("ADMIN")
				.anyRequest().authenticated());
		return http.build();
	}

}
