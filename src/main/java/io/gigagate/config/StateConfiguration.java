package io.gigagate.config;

import io.gigagate.camel.SharedStateHealthCheck;
import io.gigagate.camel.StateBeans;
import io.gigagate.state.SharedState;
import io.micrometer.core.instrument.MeterRegistry;
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

    @Bean
    SharedStateHealthCheck sharedStateHealthCheck(SharedState sharedState) {
        return StateBeans.sharedStateHealthCheck(sharedState);
    }
}
