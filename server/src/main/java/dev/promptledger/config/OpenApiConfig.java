package dev.promptledger.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header: every operation needs a bearer token unless it says
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "promptledger", version = "1",
		contact = @io.swagger.v3.oas.annotations.info.Contact(name = "the team that runs this promptledger server"),
		description = "A versioned prompt registry: immutable history, diff of any two versions, confirmed revert. "
				+ "Errors are application/problem+json with a stable `code`."),
		security = @SecurityRequirement(name = "bearer"),
		servers = @Server(url = "/",
				description = "the promptledger server that serves this document (production, staging or local)",
				extensions = @Extension(
						properties = @ExtensionProperty(name = "x-internal", value = "false", parseValue = true))))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "An API token, e.g. the bootstrap admin's (plg_...)")
class OpenApiConfig {

	@Bean
	OpenApiCustomizer problemAnswers() {
		return new ApiProblemsDoc();
	}

	@Bean
	OpenApiCustomizer wireLimits() {
		return new ApiLimitsDoc();
	}

	/**
	 * Every tag an operation uses is declared, and every operation has a description (its
	 * summary, where nothing longer was written).
	 */
	@Bean
	OpenApiCustomizer tagsAndDescriptions() {
		return api -> {
			java.util.Set<String> used = new java.util.TreeSet<>();
			api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
				if (operation.getTags() != null) {
					used.addAll(operation.getTags());
				}
				if (operation.getDescription() == null) {
					operation.setDescription(operation.getSummary());
				}
			}));
			for (String tag : used) {
				if (api.getTags() == null
						|| api.getTags().stream().noneMatch(declared -> declared.getName().equals(tag))) {
					api.addTagsItem(new io.swagger.v3.oas.models.tags.Tag().name(tag)
						.description("Operations of " + tag.replace("-controller", "").replace('-', ' ')));
				}
			}
		};
	}

}
