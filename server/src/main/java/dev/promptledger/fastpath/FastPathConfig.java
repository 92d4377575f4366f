package dev.promptledger.fastpath;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

import dev.promptledger.cache.Coherence;
import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.identity.Credentials;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptService;

/**
 * Puts the hot read path and the hot write path in front of everything else, Spring
 * Security and request observation included.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FastPathConfig {

	@Bean
	FastPathTimers fastPathTimers(MeterRegistry registry) {
		return new FastPathTimers(registry);
	}

	@Bean
	FilterRegistrationBean<HotReadFilter> hotReadFilter(Credentials credentials, PromptReads reads, JsonMapper json,
			Coherence coherence, PromptledgerProperties properties, FastPathTimers timers, MeterRegistry registry) {
		HotReadFilter filter = new HotReadFilter(credentials, reads, json, coherence, properties.readCacheBytes(),
				timers);
		filter.bindTo(registry);
		FilterRegistrationBean<HotReadFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/prompts/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<HotWriteFilter> hotWriteFilter(Credentials credentials, PromptRequests requests,
			PromptService prompts, JsonMapper json, PromptledgerProperties properties, FastPathTimers timers,
			MeterRegistry registry) {
		FilterRegistrationBean<HotWriteFilter> registration = new FilterRegistrationBean<>(
				new HotWriteFilter(credentials, requests, prompts, json, properties.maxBodyBytes(), timers, registry));
		registration.addUrlPatterns("/prompts/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

	/**
	 * Boot's observation of every request ({@code http_server_requests_seconds}), placed
	 * after the fast path instead of before it: a Micrometer observation costs the hot
	 * reads 10-15 % of their throughput (bench/read), so they time themselves into the
	 * same series ({@link FastPathTimers}). Its presence keeps Boot from registering its
	 * own, in front of everything.
	 */
	@Bean
	FilterRegistrationBean<ServerHttpObservationFilter> observationFilter(ObservationRegistry observations) {
		FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
				new ServerHttpObservationFilter(observations,
						new DefaultServerRequestObservationConvention(FastPathTimers.NAME)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

}
