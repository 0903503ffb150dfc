package io.gigagate.config;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.GigaChatUpstreamRoutes;
import io.gigagate.resilience.RetryPolicy;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Retry policy and circuit breaker towards GigaChat, from gigagate.retry.* and gigagate.circuit-breaker.*. */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    RetryPolicy retryPolicy(GigaGateProperties gigagate) {
        GigaGateProperties.Retry retry = gigagate.retry();
        return GatewayBeans.retryPolicy(retry.maxAttempts(), retry.baseDelay(), retry.maxDelay(), retry.budget());
    }

    @Bean(GigaChatUpstreamRoutes.CIRCUIT_BREAKER)
    CircuitBreaker gigaChatCircuitBreaker(GigaGateProperties gigagate) {
        GigaGateProperties.Breaker b = gigagate.circuitBreaker();
        return GatewayBeans.circuitBreaker(b.failureRateThreshold(), b.minimumCalls(), b.slidingWindow(), b.waitInOpen(),
                b.halfOpenCalls());
    }

    /**
     * The breaker's state as a metric: {@code gigagate_upstream_circuit_state} is 0 closed, 1 open,
     * 2 half-open (other states 3); calls it refused count in {@code gigagate_upstream_circuit_rejected}.
     */
    @Bean
    MeterBinder gigaChatCircuitMetrics(CircuitBreaker gigaChatCircuitBreaker) {
        return registry -> {
            Gauge.builder("gigagate.upstream.circuit.state", gigaChatCircuitBreaker, ResilienceConfiguration::stateValue)
                    .description("GigaChat circuit breaker: 0 closed, 1 open, 2 half-open")
                    .register(registry);
            FunctionCounter.builder("gigagate.upstream.circuit.rejected", gigaChatCircuitBreaker,
                            b -> b.getMetrics().getNumberOfNotPermittedCalls())
                    .description("Calls refused at once because the breaker was open")
                    .register(registry);
        };
    }

    static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    /**
     * The breaker's state in /actuator/health details. It reports UP even when open: a GigaChat outage
     * must not take every replica out of service (the breaker already answers 503 quickly).
     */
    @Bean
    HealthIndicator gigachatCircuit(CircuitBreaker gigaChatCircuitBreaker) {
        return () -> {
            CircuitBreaker.Metrics metrics = gigaChatCircuitBreaker.getMetrics();
            return Health.up()
                    .withDetail("state", gigaChatCircuitBreaker.getState().name())
                    .withDetail("failureRate", metrics.getFailureRate())
                    .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                    .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                    .build();
        };
    }
}
