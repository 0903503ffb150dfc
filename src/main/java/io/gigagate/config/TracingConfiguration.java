package io.gigagate.config;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Tracing glue. Spring Boot's Micrometer Tracing (OpenTelemetry bridge, OTLP exporter) starts a span
 * per HTTP request and puts its trace id in every log line; Camel's OpenTelemetry starter adds the
 * route and upstream-call spans. Both follow gigagate.tracing.enabled (off by default).
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    /**
     * With tracing off, Spring's per-request server observation only fed the {@code http.server.requests}
     * timer, which the gateway's own {@code gigagate.requests} already records with better tags. Skipping
     * it, together with leaving out the Logback metrics binder, cut about a tenth of a chat request's CPU
     * (bench/results.md). With tracing on it opens each request's span and stays.
     */
    @Bean
    @ConditionalOnProperty(name = "gigagate.tracing.enabled", havingValue = "false", matchIfMissing = true)
    ObservationPredicate noServerObservationWithoutTracing() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext);
    }

    @Bean
    FilterRegistrationBean<TraceIdHeaderFilter> traceIdHeaderFilter(ObjectProvider<Tracer> tracer) {
        FilterRegistrationBean<TraceIdHeaderFilter> registration = new FilterRegistrationBean<>(
                new TraceIdHeaderFilter(tracer.getIfAvailable(() -> Tracer.NOOP)));
        // after Spring's observation filter (which opens the request's span), before the gateway's own
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setAsyncSupported(true);
        return registration;
    }
}
