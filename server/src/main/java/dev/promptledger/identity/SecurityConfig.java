package dev.promptledger.identity;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiHeaders;
import dev.promptledger.http.Problems;

/**
 * Who may call what: the role table of the API contract, enforced on the URL before any
 * handler runs, so a missing right is a 403 before any 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

	/**
	 * Scripts and styles from this server only (htmx and app.js are files), and never
	 * inside a frame.
	 */
	static final String UI_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * No observation of each security filter, authentication and authorization: with the
	 * metrics registry present, Spring Security would wrap every filter of every request
	 * in an observation of its own (about a tenth of a write's CPU in the server, by the
	 * profile of bench/write). Requests are still timed as a whole
	 * ({@code http.server.requests}).
	 */
	@Bean
	static SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	WebSecurityCustomizer firewallOfEveryChain(HttpFirewall firewall) {
		return web -> web.httpFirewall(firewall);
	}

	/** The paths under which a prompt's name arrives percent-encoded. */
	static final String ENCODED_NAMES = "/api/public/v2/prompts/";

	/**
	 * Also the firewall's {@code RequestRejectedHandler}, which Spring Security finds by
	 * type.
	 */
	@Bean
	ProblemSecurityHandlers problemSecurityHandlers() {
		return new ProblemSecurityHandlers();
	}

	/**
	 * The firewall of every chain: an encoded slash ({@code %2F}) is refused, except in
	 * the prompt name of a Langfuse path, where Langfuse's SDKs put it (a name's
	 * {@code /} arrives as {@code %2F}, and Tomcat passes it through undecoded).
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall strict = new StrictHttpFirewall();
		StrictHttpFirewall encodedSlashes = new StrictHttpFirewall();
		encodedSlashes.setAllowUrlEncodedSlash(true);
		// Tomcat leaves %2F undecoded, so the servlet path holds a '%'
		encodedSlashes.setAllowUrlEncodedPercent(true);
		return new HttpFirewall() {

			@Override
			public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
				boolean namePath = request.getRequestURI().startsWith(ENCODED_NAMES);
				return (namePath ? encodedSlashes : strict).getFirewalledRequest(request);
			}

			@Override
			public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
				return strict.getFirewalledResponse(response);
			}

		};
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role("ADMIN")
			.implies("MAINTAINER")
			.role("MAINTAINER")
			.implies("EDITOR")
			.role("EDITOR")
			.implies("VIEWER")
			.build();
	}

	/**
	 * Password login, for the web UI only (its own bean also keeps Boot from making a
	 * default user).
	 */
	@Bean
	UserDetailsService accountDetails(IdentityStore identities) {
		return new AccountDetails(identities);
	}

	/**
	 * The web UI: form login with a session cookie, CSRF protection on every form, and
	 * the same roles as the API, re-read from the database on every request.
	 */
	/** Failed authentications, shared by the API and the web login. */
	@Bean
	AuthFailureLimiter authFailureLimiter(PromptledgerProperties properties) {
		return new AuthFailureLimiter(properties.authFailureLimit(), properties.authFailureWindow());
	}

	@Bean
	@Order(1)
	SecurityFilterChain uiSecurity(HttpSecurity http, IdentityStore identities, AuthFailureLimiter limiter)
			throws Exception {
		http.securityMatcher("/ui", "/ui/**", "/webjars/**")
			.formLogin(form -> form.loginPage(WebLogin.LOGIN)
				.successHandler(new WebLogin.Success(identities))
				.failureHandler(new WebLogin.Failure(limiter))
				.permitAll())
			.addFilterBefore(new WebLogin.Throttle(limiter), UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(UI_CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.logout(logout -> logout.logoutUrl("/ui/logout").logoutSuccessUrl("/ui/login?logout"))
			.exceptionHandling(ex -> ex.accessDeniedPage("/ui/denied").authenticationEntryPoint(loginPage()))
			.addFilterBefore(new SessionRefreshFilter(identities), AuthorizationFilter.class)
			.authorizeHttpRequests(
					auth -> auth.requestMatchers("/ui/app.css", "/ui/app.js", "/webjars/**", WebLogin.LOGIN)
						.permitAll()
						.requestMatchers("/ui/prompts/*/versions/*/revert")
						.hasRole("MAINTAINER")
						.requestMatchers("/ui/prompts/*/delete")
						.hasRole("MAINTAINER")
						.requestMatchers("/ui/prompts/*/labels/move")
						.hasRole(Role.TO_MOVE_LABELS.name())
						.requestMatchers("/ui/prompts/*/labels/*/delete")
						.hasRole(Role.TO_MOVE_LABELS.name())
						.requestMatchers(POST, "/ui/prompts/*/change-requests")
						.hasRole("EDITOR")
						.requestMatchers(POST, "/ui/change-requests/*/approve", "/ui/change-requests/*/reject")
						.hasRole("MAINTAINER")
						.requestMatchers(POST, "/ui/change-requests/*/cancel")
						.hasRole("EDITOR")
						.requestMatchers("/ui/admin", "/ui/admin/**")
						.hasRole("ADMIN")
						.requestMatchers("/ui/prompts/new", "/ui/prompts/*/edit")
						.hasRole("EDITOR")
						.requestMatchers(POST, "/ui/prompts")
						.hasRole("EDITOR")
						.anyRequest()
						.hasRole("VIEWER"));
		return http.build();
	}

	/**
	 * Sends a browser to the login page by a relative redirect: the Host header is never
	 * reflected into it.
	 */
	private static LoginUrlAuthenticationEntryPoint loginPage() {
		LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint(WebLogin.LOGIN);
		entryPoint.setFavorRelativeUris(true);
		return entryPoint;
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, Credentials identities, ProblemSecurityHandlers handlers,
			AuthFailureLimiter limiter) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.headers(headers -> headers
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.get(ApiHeaders.REFERRER_POLICY))))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.addFilterBefore(new TokenFilter(identities, TokenFilter.Scheme.BEARER, handlers, limiter, Problems::write),
					AuthorizationFilter.class)
			.authorizeHttpRequests(auth -> auth.requestMatchers("/error")
				.permitAll()
				// the dispatch that ends a watch stream: its request was authorized when
				// it began
				.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(GET, "/health", "/openapi.json", "/openapi.json/**", "/docs", "/docs/**",
						"/swagger-ui/**")
				.permitAll()
				.requestMatchers(POST, "/prompts/*/versions/*/revert")
				.hasRole("MAINTAINER")
				.requestMatchers(DELETE, "/prompts/*")
				.hasRole("MAINTAINER")
				.requestMatchers(PUT, "/prompts/*/labels/*")
				.hasRole(Role.TO_MOVE_LABELS.name())
				.requestMatchers(DELETE, "/prompts/*/labels/*")
				.hasRole(Role.TO_MOVE_LABELS.name())
				.requestMatchers(POST, "/prompts/*/render")
				.hasRole("VIEWER")
				.requestMatchers(POST, "/prompts/*/change-requests")
				.hasRole("EDITOR")
				.requestMatchers(GET, "/change-requests", "/change-requests/*")
				.hasRole(Role.TO_READ.name())
				.requestMatchers(POST, "/change-requests/*/approve", "/change-requests/*/reject")
				.hasRole("MAINTAINER")
				.requestMatchers(POST, "/change-requests/*/cancel")
				.hasRole("EDITOR")
				.requestMatchers(POST, "/prompts")
				.hasRole(Role.TO_WRITE.name())
				.requestMatchers(PUT, "/prompts/*")
				.hasRole(Role.TO_WRITE.name())
				.requestMatchers(PATCH, "/prompts/*")
				.hasRole(Role.TO_WRITE.name())
				.requestMatchers(GET, "/prompts", "/prompts/**")
				.hasRole(Role.TO_READ.name())
				.requestMatchers("/me", "/me/**")
				.authenticated()
				.requestMatchers("/users", "/users/**", "/tokens/**", "/audit", "/metrics", "/label-policies",
						"/label-policies/**", "/webhooks", "/webhooks/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
