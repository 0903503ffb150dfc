package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A platform-http exchange runs on the servlet request's own thread and completes the request in one
 * pass: no hop to the task executor, no async request (and so no second dispatch through the filters).
 */
class InlineRequestThreadTest extends GatewayTestSupport {

    private static final String FILTER_THREAD = "test.filterThread";

    @TestConfiguration
    static class ThreadProbe {

        /** Remembers which thread ran the servlet filters. */
        @Bean
        FilterRegistrationBean<Filter> filterThreadProbe() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                request.setAttribute(FILTER_THREAD, Thread.currentThread());
                chain.doFilter(request, response);
            });
            registration.addUrlPatterns("/test/thread");
            registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1); // before the route dispatch, the last filter
            return registration;
        }

        /** Answers how the exchange ran, as seen from inside the route. */
        @Bean
        RoutesBuilder threadProbeRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/test/thread?httpMethodRestrict=GET").process(exchange -> {
                        HttpServletRequest request = ((PlatformHttpMessage) exchange.getIn()).getRequest();
                        boolean sameThread = request.getAttribute(FILTER_THREAD) == Thread.currentThread();
                        exchange.getMessage().setBody("sameThread=" + sameThread + " async=" + request.isAsyncStarted());
                    });
                }
            };
        }
    }

    @Test
    void theRouteRunsOnTheRequestThreadWithoutAnAsyncRequest() throws Exception {
        var response = get("/test/thread");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("sameThread=true async=false");
    }
}
