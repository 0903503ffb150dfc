package io.gigagate.config;

import java.time.Duration;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How client requests reach the routes: platform-http's engine runs each exchange on the request's own
 * thread ({@link InlinePlatformHttpEngine}) instead of Camel's default hop to the task executor and
 * second async dispatch. Camel's auto-configuration backs off when this bean exists. Requests that
 * arrive before the routes are up wait for them ({@link StartupGateFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class InboundHttpConfiguration {

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new InlinePlatformHttpEngine(port);
    }

    @Bean
    StartupGateFilter startupGateFilter(@Value("${gigagate.startup-wait:30s}") Duration maxWait) {
        return new StartupGateFilter(maxWait);
    }

    /** First of all filters: a held request has not started its clock, trace or rate-limit permit yet. */
    @Bean
    FilterRegistrationBean<StartupGateFilter> startupGateRegistration(StartupGateFilter gate) {
        FilterRegistrationBean<StartupGateFilter> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
