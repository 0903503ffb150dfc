package io.gigagate.camel;

import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.resilience.CredentialPool;
import io.gigagate.resilience.RetryPolicy;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, after each upstream attempt, whether the door calls GigaChat once more, and prepares that
 * attempt: a 401 gets one retry with a fresh token; in a credential pool a 401/402/429 moves the call
 * to a rested credential; 429, 5xx and broken connections are retried by the {@link RetryPolicy}
 * with backoff, jitter and Retry-After. All of it happens before any byte goes to the client.
 */
public final class UpstreamAttempts implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAttempts.class);
    private static final String REAUTHENTICATED = "gigagate.upstreamReauthenticated";
    private static final String WAITED_MILLIS = "gigagate.upstreamWaitedMillis";

    private final GigaChatAuth defaultAuth;
    private final RetryPolicy policy;
    private final UpstreamRequestPreparer prepare;

    public UpstreamAttempts(GigaChatAuth defaultAuth, RetryPolicy policy, UpstreamRequestPreparer prepare) {
        this.defaultAuth = defaultAuth;
        this.policy = policy;
        this.prepare = prepare;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(ExchangeKeys.UPSTREAM_FAILURE, Throwable.class);
        int status = failure != null ? 0 : message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        int attempts = exchange.getProperty(ExchangeKeys.UPSTREAM_ATTEMPTS, 1, Integer.class);
        GigaChatAuth auth = UpstreamRequestPreparer.authFor(exchange, defaultAuth);
        String used = exchange.getProperty(ExchangeKeys.UPSTREAM_AUTHORIZATION, String.class);

        Duration wait = null;
        if (status == 401 && exchange.getProperty(REAUTHENTICATED) == null && auth.tokenRejected(used)) {
            exchange.setProperty(REAUTHENTICATED, Boolean.TRUE);
            wait = Duration.ZERO;
            LOG.info("GigaChat rejected the access token; re-authenticating and retrying once");
        } else if ((status == 401 || status == 402 || status == 429) && auth instanceof CredentialPool pool
                && attempts < pool.size() + policy.maxAttempts() && pool.refused(used, status)) {
            wait = Duration.ZERO;
            LOG.info("A pooled GigaChat credential answered {}; it rests and the call moves on", status);
        } else if (failure != null ? RetryPolicy.isRetryable(failure) : RetryPolicy.isRetryable(status)) {
            Duration waited = Duration.ofMillis(exchange.getProperty(WAITED_MILLIS, 0L, Long.class));
            wait = policy.nextDelay(attempts, waited, failure != null ? null : message.getHeader("Retry-After", String.class));
            if (wait != null) {
                exchange.setProperty(WAITED_MILLIS, waited.plus(wait).toMillis());
                LOG.info("GigaChat attempt {} failed ({}); retrying in {} ms", attempts,
                        failure != null ? failure.getClass().getSimpleName() : "status " + status, wait.toMillis());
            }
        }
        if (wait == null) {
            exchange.setProperty(ExchangeKeys.UPSTREAM_NEXT, Boolean.FALSE);
            return;
        }
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
        exchange.removeProperty(ExchangeKeys.UPSTREAM_FAILURE);
        prepare.process(exchange);
        exchange.setProperty(ExchangeKeys.UPSTREAM_NEXT, Boolean.TRUE);
    }
}
