package io.gigagate.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Per API key limits counted in this process: requests per minute (Resilience4j's rate limiter, one per key) and
 * requests in flight at once. One instance, or a replica's fallback while the shared state is unreachable.
 */
public final class LocalKeyLimits implements KeyLimits {

    private final int requestsPerMinute;
    private final int maxConcurrent;
    private final Cache<String, RateLimiter> rates = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Semaphore> inFlight = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /** @param requestsPerMinute 0 = no rate limit; @param maxConcurrent 0 = no concurrency limit */
    public LocalKeyLimits(int requestsPerMinute, int maxConcurrent) {
        this.requestsPerMinute = requestsPerMinute;
        this.maxConcurrent = maxConcurrent;
    }

    @Override
    public boolean enabled() {
        return requestsPerMinute > 0 || maxConcurrent > 0;
    }

    @Override
    public Permit acquire(String key) {
        if (requestsPerMinute > 0) {
            RateLimiter limiter = rates.get(key, k -> RateLimiter.of(k, RateLimiterConfig.custom()
                    .limitForPeriod(requestsPerMinute)
                    .limitRefreshPeriod(Duration.ofMinutes(1))
                    .timeoutDuration(Duration.ZERO)
                    .build()));
            if (!limiter.acquirePermission()) {
                long waitNanos = limiter instanceof AtomicRateLimiter atomic
                        ? Math.max(atomic.getDetailedMetrics().getNanosToWait(), 0) : 60_000_000_000L;
                throw KeyLimits.rateLimited(requestsPerMinute, (waitNanos + 999_999_999L) / 1_000_000_000L);
            }
        }
        if (maxConcurrent <= 0) {
            return Permit.NONE;
        }
        Semaphore semaphore = inFlight.get(key, k -> new Semaphore(maxConcurrent));
        if (!semaphore.tryAcquire()) {
            throw KeyLimits.tooManyConcurrent(maxConcurrent);
        }
        return semaphore::release;
    }
}
