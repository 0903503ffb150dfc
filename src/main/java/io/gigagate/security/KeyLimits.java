package io.gigagate.security;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.util.Map;

/**
 * Per API key limits: requests per minute and requests in flight at once. Both answer 429 with a Retry-After,
 * as OpenAI does, instead of queueing. Counted in this process ({@link LocalKeyLimits}) or across all replicas
 * ({@code io.gigagate.state.RedisKeyLimits}).
 */
public interface KeyLimits {

    /** What a caller must give back when its request is done. */
    @FunctionalInterface
    interface Permit extends AutoCloseable {

        /** Nothing to give back. */
        Permit NONE = () -> { };

        @Override
        void close();
    }

    /** Whether any limit is set (no limit: no {@link #acquire} at all). */
    boolean enabled();

    /**
     * Admits one request of {@code key}; the permit must be closed when the request is done.
     *
     * @throws GatewayException 429 {@code rate_limit_exceeded} (with a Retry-After in seconds)
     */
    Permit acquire(String key);

    /** @param requestsPerMinute 0 = no rate limit; @param maxConcurrent 0 = no concurrency limit */
    static KeyLimits local(int requestsPerMinute, int maxConcurrent) {
        return new LocalKeyLimits(requestsPerMinute, maxConcurrent);
    }

    static GatewayException tooMany(String message, long retryAfterSeconds) {
        return new GatewayException(429, ErrorCategory.RATE_LIMIT, "rate_limit_exceeded", null, message)
                .withHeaders(Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    static GatewayException rateLimited(int requestsPerMinute, long retryAfterSeconds) {
        return tooMany("Rate limit reached: " + requestsPerMinute + " requests per minute for this API key.",
                Math.max(1, retryAfterSeconds));
    }

    static GatewayException tooManyConcurrent(int maxConcurrent) {
        return tooMany("Too many concurrent requests: at most " + maxConcurrent + " at once for this API key.", 1);
    }
}
