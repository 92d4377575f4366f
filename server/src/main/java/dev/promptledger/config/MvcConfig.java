package dev.promptledger.config;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.promptledger.http.StrictParameters;

/**
 * The API's endpoints refuse query parameters they do not define; the web UI's forms
 * (with their CSRF field) and the OpenAPI pages are not the API's.
 * <p>
 * The web UI's links are not rewritten: Boot's Thymeleaf setup registers a filter that
 * passes every URL a page writes through the static resource chain (the webjars locator
 * turns the chain on), which looks each one up on the class path, about a millisecond per
 * link inside the packaged jar; the pages use no versioned resource URLs, so it only cost
 * time (a history page of 25 versions: 86 ms, 12 ms without it). The webjars are still
 * found by version on request.
 */
@Configuration(proxyBeanMethods = false)
class MvcConfig implements WebMvcConfigurer {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		// registered, and so Boot's for Thymeleaf is not, but switched off
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new StrictParameters())
			.excludePathPatterns("/ui", "/ui/**", "/webjars/**", "/docs", "/docs/**", "/openapi.json",
					"/openapi.json/**", "/swagger-ui/**", "/v3/**", "/error");
	}

}
