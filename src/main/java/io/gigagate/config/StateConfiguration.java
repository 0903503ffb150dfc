package io.gigagate.config;

import io.gigagate.camel.SharedStateHealthCheck;
import io.gigagate.camel.StateBeans;
import io.gigagate.state.SharedState;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheck;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of where shared state lives (gigagate.state, gigagate.redis.*), as StateBeans builds it for Camel K too. */
@Configuration(proxyBeanMethods = false)
public class StateConfiguration {

    @Bean(destroyMethod = "close")
    SharedState sharedState(GigaGateProperties gigagate, MeterRegistry registry) {
        GigaGateProperties.Redis redis = gigagate.redis();
        return StateBeans.sharedState(gigagate.state(), redis.url(), redis.cluster(), redis.timeout(), redis.prefix(), redis.lease(),
                registry);
    }

    /** Camel's health check (what Camel Main/Camel K report); Spring's actuator shows the indicator below. */
    @Bean
    SharedStateHealthCheck sharedStateHealthCheck(SharedState sharedState) {
        return StateBeans.sharedStateHealthCheck(sharedState);
    }

    /** {@code /actuator/health}'s {@code sharedState}: always UP (the gateway serves without Redis), with details. */
    @Bean
    HealthIndicator sharedStateHealthIndicator(SharedStateHealthCheck check) {
        return () -> {
            HealthCheck.Result result = check.call();
            Health.Builder health = Health.up().withDetails(result.getDetails());
            result.getMessage().ifPresent(message -> health.withDetail("message", message));
            return health.build();
        };
    }
}
