package io.gigagate.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-http engine on Spring Boot, with each exchange run on the servlet request's own thread.
 *
 * <p>Camel's Spring Boot engine answers every request through Spring MVC's async support: the handler
 * hands the exchange to the task executor and returns a future, and when it completes Tomcat dispatches
 * the request a second time through the whole filter chain and the DispatcherServlet just to close it.
 * In a profile of the chat route that hop and second dispatch held about a seventh of the samples
 * (bench/results.md has what removing them measured). Here the consumer runs the exchange where the
 * request arrived and returns no future, which Spring MVC treats as "handled": one pass, no hop.
 *
 * <p>Threads: on Java 21+ Tomcat's request threads are virtual ({@code spring.threads.virtual.enabled}),
 * so a long stream holds no platform thread; on Java 17 Tomcat's pool ({@code gigagate.threads}) must
 * cover the concurrent requests and open streams, as the task executor's had to before.
 */
final class InlinePlatformHttpEngine implements PlatformHttpEngine {

    private final int port;

    InlinePlatformHttpEngine(int port) {
        this.port = port;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new InlineConsumer(endpoint, processor);
    }

    @Override
    public int getServerPort() {
        return port;
    }

    /** Camel's consumer (binding, cookies, response writing), called on the request thread. */
    static final class InlineConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(InlineConsumer.class);

        InlineConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        /**
         * Runs the exchange and writes its answer before returning. The {@code null} future tells Spring MVC
         * the request is complete. The route's own error handling has already rendered any failure, and
         * Camel logs a failed write (a client gone mid-stream) itself, under this class's name at WARN
         * (application.yaml turns that down), so what reaches the catch is unexpected: an ERROR.
         */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                LOG.error("Could not complete {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                if (!response.isCommitted()) {
                    try {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    } catch (Exception ignored) {
                        // the client is gone
                    }
                }
            }
            return null;
        }
    }
}
