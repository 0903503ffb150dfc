package io.gigagate.config;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds requests that arrive while the gateway is still starting, instead of answering them wrongly.
 *
 * <p>Spring Boot starts Tomcat before Camel builds and starts its routes (about a second on two cores),
 * so a request in that window found no platform-http consumer and got {@code 404 Invalid URL}. Here such
 * a request waits until the application is ready (the moment the readiness probe turns to accepting
 * traffic), then goes on as usual; if that takes longer than {@code gigagate.startup-wait} it gets an
 * OpenAI-shaped {@code 503} with {@code Retry-After}. Actuator paths never wait: probes must see the
 * truth at once. Once open, the gate costs one volatile read per request.
 */
final class StartupGateFilter extends OncePerRequestFilter implements ApplicationListener<ApplicationReadyEvent> {

    private final CountDownLatch ready = new CountDownLatch(1);
    private final long maxWaitNanos;
    private volatile boolean open;

    private final ServletErrors errors;

    StartupGateFilter(Duration maxWait, ServletErrors errors) {
        this.maxWaitNanos = Math.max(0, maxWait.toNanos());
        this.errors = errors;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        open = true;
        ready.countDown();
    }

    boolean isOpen() {
        return open;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!open && !request.getRequestURI().startsWith("/actuator") && !awaitReady()) {
            errors.write(request, response, new GatewayException(503, ErrorCategory.SERVER, "gateway_starting", null,
                    "GigaGate is starting; retry in a moment.").withHeaders(Map.of("Retry-After", "1")));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean awaitReady() {
        try {
            return ready.await(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
