package dev.promptledger.langfuse;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import dev.promptledger.identity.AuthFailureLimiter;
import dev.promptledger.identity.Credentials;
import dev.promptledger.identity.Role;
import dev.promptledger.identity.TokenFilter;

/**
 * Who may call the Langfuse paths: a Langfuse key pair (HTTP Basic) stands for its token,
 * and the roles are those of the same operations on the API's own paths.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class LangfuseSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain langfuseApiSecurity(HttpSecurity http, Credentials credentials, LangfuseErrors errors,
			AuthFailureLimiter limiter) throws Exception {
		http.securityMatcher(LangfuseController.ROOT + "/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(ex -> ex.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.addFilterBefore(new TokenFilter(credentials, TokenFilter.Scheme.LANGFUSE_KEYS, errors, limiter,
					LangfuseErrors::write), AuthorizationFilter.class)
			.authorizeHttpRequests(auth -> auth.requestMatchers(GET, LangfuseController.PROMPTS + "/**")
				.hasRole(Role.TO_READ.name())
				.requestMatchers(GET, LangfuseController.PROMPTS)
				.hasRole(Role.TO_READ.name())
				.requestMatchers(POST, LangfuseController.PROMPTS)
				.hasRole("EDITOR")
				.requestMatchers(PATCH, LangfuseController.PROMPTS + "/*/versions/*")
				.hasRole(Role.TO_MOVE_LABELS.name())
				.requestMatchers(DELETE, LangfuseController.PROMPTS + "/*")
				.hasRole("MAINTAINER")
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
