package io.gigagate.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-model limit counted in this process, with a fair local queue: one instance, or a replica's fallback
 * while the shared state is unreachable.
 */
public final class LocalModelConcurrency implements ModelConcurrency {

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
    public LocalModelConcurrency(Map<String, Integer> perModel, int defaultLimit, int maxWaiting, Duration maxWait) {
        this.perModel = Map.copyOf(perModel);
        this.defaultLimit = defaultLimit;
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    @Override
    public boolean enabled() {
        return defaultLimit > 0 || !perModel.isEmpty();
    }

    @Override
    public int limit(String model) {
        return model == null ? 0 : perModel.getOrDefault(model, defaultLimit);
    }

    @Override
    public KeyLimits.Permit acquire(String model) throws InterruptedException {
        int limit = limit(model);
        if (limit <= 0) {
            return KeyLimits.Permit.NONE;
        }
        Limiter limiter = limiters.computeIfAbsent(model, m -> new Limiter(new Semaphore(limit, true), new AtomicInteger()));
        if (limiter.permits().tryAcquire()) {
            return limiter.permits()::release;
        }
        if (limiter.waiting().incrementAndGet() > maxWaiting) {
            limiter.waiting().decrementAndGet();
            throw ModelConcurrency.busy(model, "its queue is full");
        }
        try {
            if (!limiter.permits().tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw ModelConcurrency.busy(model, "no slot freed within " + maxWait.toMillis() + " ms");
            }
        } finally {
            limiter.waiting().decrementAndGet();
        }
        return limiter.permits()::release;
    }
}
