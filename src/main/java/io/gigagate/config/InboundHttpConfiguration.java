package io.gigagate.config;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How client requests reach the routes: platform-http's engine runs each exchange on the request's own
 * thread ({@link InlinePlatformHttpEngine}) instead of Camel's default hop to the task executor and
 * second async dispatch. Camel's auto-configuration backs off when this bean exists.
 */
@Configuration(proxyBeanMethods = false)
public class InboundHttpConfiguration {

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new InlinePlatformHttpEngine(port);
    }
}
