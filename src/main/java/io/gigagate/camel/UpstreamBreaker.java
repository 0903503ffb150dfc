package io.gigagate.camel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The circuit breaker around GigaChat (Resilience4j), applied to the door: a call needs the breaker's
 * permission before it goes out, and its outcome is recorded as soon as the door knows it (a 5xx or a
 * broken connection after the last attempt is a failure; anything else a success). Used directly
 * rather than through the circuitBreaker EIP, which runs its steps on a copy of the exchange and so
 * would close a live stream's upstream response before the client reads it.
 */
public final class UpstreamBreaker {

    private static final String STARTED = "gigagate.breakerStartedNanos";

    private final CircuitBreaker breaker;

    public UpstreamBreaker(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    /** Asks for permission; when the breaker is open the call fails at once (503 through UpstreamFailures). */
    public Processor permit() {
        return exchange -> {
            if (!breaker.tryAcquirePermission()) {
                throw CallNotPermittedException.createCallNotPermittedException(breaker);
            }
            exchange.setProperty(STARTED, System.nanoTime());
            // a call that ends some other way (e.g. no token could be had) gives its permission back
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (done.removeProperty(STARTED) != null) {
                        breaker.releasePermission();
                    }
                }
            });
        };
    }

    /** Records the outcome of the call: {@code failure} null for success. */
    public void record(Exchange exchange, Throwable failure) {
        Long started = (Long) exchange.removeProperty(STARTED);
        if (started == null) {
            return;
        }
        long elapsed = System.nanoTime() - started;
        if (failure != null && UpstreamFailures.isUpstreamFailure(failure)) {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
        } else {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
    }
}
