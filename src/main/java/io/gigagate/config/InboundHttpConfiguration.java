package io.gigagate.config;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import io.gigagate.error.FrontErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How client requests reach the routes: platform-http's engine runs each exchange on the request's own
 * thread ({@link InlinePlatformHttpEngine}) instead of Camel's default hop to the task executor and
 * second async dispatch. Camel's auto-configuration backs off when this bean exists. Requests that
 * arrive before the routes are up wait for them ({@link StartupGateFilter}); requests for a route's
 * fixed path go to it from the last filter, past Spring MVC ({@link RouteDispatchFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class InboundHttpConfiguration {

    static final int SOCKET_BUFFER_SIZE = 4096;

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new InlinePlatformHttpEngine(port);
    }

    /**
     * Tomcat's per-connection socket buffers (read and write, and the read buffer's share of the request
     * header buffer), 8 KB each by default, at 4 KB: an open stream keeps its connection's buffers, and
     * the gateway's requests, answers and events are small (a large body is read in more, smaller reads).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_SIZE));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_SIZE));
        });
    }

    @Bean
    RouteDispatchFilter routeDispatchFilter() {
        return new RouteDispatchFilter();
    }

    /** Last of all filters: everything else (gate, keys, limits, CORS, tracing) runs before a route. */
    @Bean
    FilterRegistrationBean<RouteDispatchFilter> routeDispatchRegistration(RouteDispatchFilter dispatch) {
        FilterRegistrationBean<RouteDispatchFilter> registration = new FilterRegistrationBean<>(dispatch);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    /** The dispatch filter follows platform-http's routes from before the first one starts. */
    @Bean
    CamelContextConfiguration routeDispatchListener(RouteDispatchFilter dispatch) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getComponent("platform-http", PlatformHttpComponent.class).addPlatformHttpListener(dispatch);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing: routes register themselves as they start
            }
        };
    }

    @Bean
    StartupGateFilter startupGateFilter(@Value("${gigagate.startup-wait:30s}") Duration maxWait, FrontErrors frontErrors) {
        return new StartupGateFilter(maxWait, new ServletErrors(frontErrors));
    }

    /** First of all filters: a held request has not started its clock, trace or rate-limit permit yet. */
    @Bean
    FilterRegistrationBean<StartupGateFilter> startupGateRegistration(StartupGateFilter gate) {
        FilterRegistrationBean<StartupGateFilter> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
