package dev.promptledger.identity;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import dev.promptledger.config.PromptledgerProperties;

/**
 * Who may call what: the role table of the API contract, enforced on the URL before any handler
 * runs, so a missing right is a 403 before any 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
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

	/** Password login, for the web UI only (its own bean also keeps Boot from making a default user). */
	@Bean
	UserDetailsService accountDetails(IdentityStore identities) {
		return new AccountDetails(identities);
	}

	/**
	 * The web UI: form login with a session cookie, CSRF protection on every form, and the same roles
	 * as the API, re-read from the database on every request.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain uiSecurity(HttpSecurity http, IdentityStore identities) throws Exception {
		http.securityMatcher("/ui", "/ui/**", "/webjars/**")
			.formLogin(form -> form.loginPage("/ui/login").defaultSuccessUrl("/ui/prompts", true)
				.failureUrl("/ui/login?error").permitAll())
			.logout(logout -> logout.logoutUrl("/ui/logout").logoutSuccessUrl("/ui/login?logout"))
			.exceptionHandling(ex -> ex.accessDeniedPage("/ui/denied"))
			.addFilterBefore(new SessionRefreshFilter(identities), AuthorizationFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/ui/app.css", "/ui/app.js", "/webjars/**").permitAll()
				.requestMatchers(POST, "/ui/prompts/*/versions/*/revert").hasRole("MAINTAINER")
				.requestMatchers("/ui/prompts/*/delete").hasRole("MAINTAINER")
				.requestMatchers("/ui/prompts/*/labels/move").hasRole("MAINTAINER")
				.requestMatchers(POST, "/ui/prompts/*/labels/*/delete").hasRole("MAINTAINER")
				.requestMatchers("/ui/prompts/new", "/ui/prompts/*/edit").hasRole("EDITOR")
				.requestMatchers(POST, "/ui/prompts").hasRole("EDITOR")
				.anyRequest().hasRole("VIEWER"));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, Credentials identities, ProblemSecurityHandlers handlers,
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
