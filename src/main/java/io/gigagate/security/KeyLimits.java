package io.gigagate.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Per API key limits: requests per minute (Resilience4j's rate limiter, one per key) and requests in
 * flight at once. Both answer 429 with a Retry-After, as OpenAI does, instead of queueing.
 */
public final class KeyLimits {

    /** What a caller must give back when its request is done. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit NONE = () -> { };

    private final int requestsPerMinute;
    private final int maxConcurrent;
    private final Cache<String, RateLimiter> rates = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Semaphore> inFlight = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /** @param requestsPerMinute 0 = no rate limit; @param maxConcurrent 0 = no concurrency limit */
    public KeyLimits(int requestsPerMinute, int maxConcurrent) {
        this.requestsPerMinute = requestsPerMinute;
        this.maxConcurrent = maxConcurrent;
    }

    public boolean enabled() {
        return requestsPerMinute > 0 || maxConcurrent > 0;
    }

    /**
     * @throws GatewayException 429 {@code rate_limit_exceeded} (with a Retry-After in seconds)
     */
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
                throw tooMany("Rate limit reached: " + requestsPerMinute + " requests per minute for this API key.",
                        Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
            }
        }
        if (maxConcurrent <= 0) {
            return NONE;
        }
        Semaphore semaphore = inFlight.get(key, k -> new Semaphore(maxConcurrent));
        if (!semaphore.tryAcquire()) {
            throw tooMany("Too many concurrent requests: at most " + maxConcurrent + " at once for this API key.", 1);
        }
        return semaphore::release;
    }

    static GatewayException tooMany(String message, long retryAfterSeconds) {
        return new GatewayException(429, ErrorCategory.RATE_LIMIT, "rate_limit_exceeded", null, message)
                .withHeaders(Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
