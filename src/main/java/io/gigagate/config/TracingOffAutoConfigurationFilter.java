package io.gigagate.config;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * With tracing off (the default), leaves out the auto-configurations that only serve it. Tracing is
 * on when {@code management.tracing.enabled} is, which application.yaml derives from
 * gigagate.tracing.enabled (so setting either one turns it on). Spring Boot builds the OpenTelemetry
 * SDK (tracer and logger providers, their batch processor threads, the OTLP exporters) whether or not
 * tracing is on; skipping them shortens the start (bench/results.md) and saves two idle threads.
 * Micrometer's no-op tracer still stands in, so whatever asks for a {@code Tracer} gets one. With
 * tracing on nothing is left out.
 */
public class TracingOffAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    static final Set<String> TRACING_ONLY = Set.of(
            "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.prometheus.PrometheusExemplarsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration");

    private boolean tracingEnabled;

    @Override
    public void setEnvironment(Environment environment) {
        tracingEnabled = environment.getProperty("management.tracing.enabled", Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            keep[i] = tracingEnabled || candidates[i] == null || !TRACING_ONLY.contains(candidates[i]);
        }
        return keep;
    }
}
