package io.gigagate.config;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Tracing glue. Spring Boot's Micrometer Tracing (OpenTelemetry bridge, OTLP exporter) starts a span
 * per HTTP request and puts its trace id in every log line; Camel's OpenTelemetry starter adds the
 * route and upstream-call spans. Both follow gigagate.tracing.enabled (off by default).
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    /**
     * platform-http runs each exchange on the task executor; this carries the request's trace (and so
     * the trace id in the log lines) over to that thread. Spring Boot applies it to its executor.
     */
    @Bean
    TaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
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
