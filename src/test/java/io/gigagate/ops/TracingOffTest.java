package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.config.TracingOffAutoConfigurationFilter;
import io.gigagate.support.GatewayTestSupport;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * Tracing off (the default): the OpenTelemetry SDK is not built at all (Spring Boot would build its
 * tracer and logger providers, with their batch threads, even with management.tracing.enabled off),
 * and Micrometer's no-op tracer stands in. TracingTest covers tracing on, where nothing is left out.
 */
class TracingOffTest extends GatewayTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void noOpenTelemetrySdkIsBuiltButATracerIsThere() {
        assertThat(context.getBeanNamesForType(OpenTelemetry.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SdkTracerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SdkLoggerProvider.class)).isEmpty();
        assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
    }

    @Test
    void theFilterLeavesOutTracingOnlyAutoConfigurationsUnlessTracingIsOn() {
        String[] candidates = {
                "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration",
                null,
                "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"};

        TracingOffAutoConfigurationFilter off = new TracingOffAutoConfigurationFilter();
        off.setEnvironment(new MockEnvironment());
        TracingOffAutoConfigurationFilter on = new TracingOffAutoConfigurationFilter();
        on.setEnvironment(new MockEnvironment().withProperty("management.tracing.enabled", "true"));

        assertThat(off.match(candidates, null)).containsExactly(false, true, true, false);
        boolean[] all = new boolean[candidates.length];
        Arrays.fill(all, true);
        assertThat(on.match(candidates, null)).containsExactly(all);
    }
}
