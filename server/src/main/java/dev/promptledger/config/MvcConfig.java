package dev.promptledger.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.promptledger.http.StrictParameters;

/**
 * The API's endpoints refuse query parameters they do not define; the web UI's forms
 * (with their CSRF field) and the OpenAPI pages are not the API's.
 */
@Configuration(proxyBeanMethods = false)
class MvcConfig implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new StrictParameters())
			.excludePathPatterns("/ui", "/ui/**", "/webjars/**", "/docs", "/docs/**", "/openapi.json",
					"/openapi.json/**", "/swagger-ui/**", "/v3/**", "/error");
	}

}
