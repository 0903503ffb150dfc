package io.gigagate.camel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness check that GigaChat answers: asks for the model list through {@code direct:gigachat-models}
 * (with auth) and reports DOWN when that fails or takes longer than the timeout. Opt-in only
 * ({@code gigagate.health.upstream-check=true}): when GigaChat is down, every replica goes unready at
 * once, which is right for some deployments (fail over to another region) and wrong for most.
 */
public final class GigaChatUpstreamHealthCheck extends AbstractHealthCheck {

    private final Duration timeout;
    private volatile ProducerTemplate template;

    public GigaChatUpstreamHealthCheck(Duration timeout) {
        super("gigagate", "gigachat-upstream");
        this.timeout = timeout;
    }

    @Override
    public boolean isLiveness() {
        return false; // GigaChat being down is no reason to restart the gateway
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("gigachat.operation", "models");
        CompletableFuture<Object> answer = template().asyncRequestBody("direct:gigachat-models", null);
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            answer.cancel(true);
            builder.message("GigaChat did not answer within " + timeout.toMillis() + " ms").down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted").down();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            builder.message("GigaChat did not answer: " + (cause != null ? cause.getMessage() : e.getMessage())).down();
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            t = getCamelContext().createProducerTemplate();
            template = t;
        }
        return t;
    }
}
