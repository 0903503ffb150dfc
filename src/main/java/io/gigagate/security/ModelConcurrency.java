package io.gigagate.security;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls may be in flight to each GigaChat model. GigaChat itself refuses concurrent calls
 * beyond an account's limit (a personal account allows one) with a 429; queueing here, with a bounded
 * queue and wait, turns bursts into short waits instead of upstream errors.
 */
public final class ModelConcurrency {

    private final Map<String, Integer> perModel;
    private final int defaultLimit;
    private final int maxWaiting;
    private final Duration maxWait;
    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    private record Limiter(Semaphore permits, AtomicInteger waiting) {
    }

    /**
     * @param perModel model id → limit; @param defaultLimit for other models, 0 = unlimited
     * @param maxWaiting how many calls may wait for a model at once; more are refused at once
     * @param maxWait how long one call waits before it is refused
     */
    public ModelConcurrency(Map<String, Integer> perModel, int defaultLimit, int maxWaiting, Duration maxWait) {
        this.perModel = Map.copyOf(perModel);
        this.defaultLimit = defaultLimit;
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    public boolean enabled() {
        return defaultLimit > 0 || !perModel.isEmpty();
    }

    /**
     * Waits for a slot for {@code model}; the returned permit must be closed when the call (or the
     * stream) is done.
     *
     * @throws GatewayException 429 {@code model_concurrency_limit} when the queue is full or the wait too long
     */
    public KeyLimits.Permit acquire(String model) throws InterruptedException {
        int limit = model == null ? 0 : perModel.getOrDefault(model, defaultLimit);
        if (limit <= 0) {
            return () -> { };
        }
        Limiter limiter = limiters.computeIfAbsent(model, m -> new Limiter(new Semaphore(limit, true), new AtomicInteger()));
        if (limiter.permits().tryAcquire()) {
            return limiter.permits()::release;
        }
        if (limiter.waiting().incrementAndGet() > maxWaiting) {
            limiter.waiting().decrementAndGet();
            throw busy(model, "its queue is full");
        }
        try {
            if (!limiter.permits().tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(model, "no slot freed within " + maxWait.toMillis() + " ms");
            }
        } finally {
            limiter.waiting().decrementAndGet();
        }
        return limiter.permits()::release;
    }

    private static GatewayException busy(String model, String why) {
        return new GatewayException(429, ErrorCategory.RATE_LIMIT, "model_concurrency_limit", "model",
                "Model '" + model + "' is busy: " + why + ".").withHeaders(Map.of("Retry-After", "1"));
    }
}
