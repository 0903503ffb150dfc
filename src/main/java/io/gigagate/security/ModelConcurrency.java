package io.gigagate.security;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.time.Duration;
import java.util.Map;

/**
 * How many calls may be in flight to each GigaChat model. GigaChat itself refuses concurrent calls beyond an
 * account's limit (a personal account allows one) with a 429; queueing here, with a bounded queue and wait, turns
 * bursts into short waits instead of upstream errors. Counted in this process ({@link LocalModelConcurrency}) or
 * across all replicas ({@code io.gigagate.state.RedisModelConcurrency}).
 */
public interface ModelConcurrency {

    /** Whether any model is limited. */
    boolean enabled();

    /** The limit of {@code model}; 0 = none. */
    int limit(String model);

    /**
     * Waits for a slot for {@code model}; the returned permit must be closed when the call (or the stream) is done.
     *
     * @throws GatewayException 429 {@code model_concurrency_limit} when the queue is full or the wait too long
     */
    KeyLimits.Permit acquire(String model) throws InterruptedException;

    /**
     * @param perModel model id → limit; @param defaultLimit for other models, 0 = unlimited
     * @param maxWaiting how many calls may wait for a model at once; more are refused at once
     * @param maxWait how long one call waits before it is refused
     */
    static ModelConcurrency local(Map<String, Integer> perModel, int defaultLimit, int maxWaiting, Duration maxWait) {
        return new LocalModelConcurrency(perModel, defaultLimit, maxWaiting, maxWait);
    }

    static GatewayException busy(String model, String why) {
        return new GatewayException(429, ErrorCategory.RATE_LIMIT, "model_concurrency_limit", "model",
                "Model '" + model + "' is busy: " + why + ".").withHeaders(Map.of("Retry-After", "1"));
    }
}
