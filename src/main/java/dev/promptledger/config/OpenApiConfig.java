package dev.promptledger.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header: every operation needs a bearer token unless it says
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "promptledger", version = "1",
		description = "A versioned prompt registry: immutable history, diff of any two versions, confirmed revert. "
				+ "Errors are application/problem+json with a stable `code`."),
		security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "An API token, e.g. the bootstrap admin's (plg_...)")
class OpenApiConfig {

	@Bean
	OpenApiCustomizer problemAnswers() {
		return new ApiProblemsDoc();
	}

}
