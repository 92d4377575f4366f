package dev.promptledger.fastpath;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.promptledger.cache.Coherence;
import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.identity.Credentials;
import dev.promptledger.prompt.PromptReads;

/** Puts the hot read path in front of everything else, Spring Security included. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FastPathConfig {

	@Bean
	FilterRegistrationBean<HotReadFilter> hotReadFilter(Credentials credentials, PromptReads reads, JsonMapper json,
			Coherence coherence, PromptledgerProperties properties, MeterRegistry registry) {
		HotReadFilter filter = new HotReadFilter(credentials, reads, json, coherence, properties.readCacheBytes());
		filter.bindTo(registry);
		FilterRegistrationBean<HotReadFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/prompts/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
