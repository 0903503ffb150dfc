package io.gigagate.resilience;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to call GigaChat again after a failed attempt, and how long to wait first: 429 and 5xx
 * answers and broken connections are retried with exponential backoff and jitter, a Retry-After from
 * GigaChat is honoured, and the attempts and the total time spent waiting are both bounded. A read
 * timeout is not retried: GigaChat may still be generating (and billing) the first answer.
 */
public final class RetryPolicy {

    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration budget;
    private final DoubleSupplier random;

    /**
     * @param maxAttempts attempts in all, 1 = no retries
     * @param baseDelay the wait before the first retry; doubled for each next one
     * @param maxDelay the longest single wait
     * @param budget the most time all waits of one request may add up to
     */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget) {
        this(maxAttempts, baseDelay, maxDelay, budget, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget, DoubleSupplier random) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.budget = budget;
        this.random = random;
    }

    public static boolean isRetryable(int status) {
        return RETRYABLE.contains(status);
    }

    public static boolean isRetryable(Throwable failure) {
        return failure instanceof IOException && !(failure instanceof SocketTimeoutException);
    }

    /**
     * @param attemptsMade attempts so far (at least 1)
     * @param waitedSoFar time already spent waiting between attempts
     * @param retryAfter GigaChat's Retry-After header (seconds), or null
     * @return how long to wait before the next attempt, or null when there is none
     */
    public Duration nextDelay(int attemptsMade, Duration waitedSoFar, String retryAfter) {
        if (attemptsMade >= maxAttempts) {
            return null;
        }
        Duration delay = backoff(attemptsMade);
        Duration asked = parseRetryAfter(retryAfter);
        if (asked != null) {
            delay = asked;
        }
        if (waitedSoFar.plus(delay).compareTo(budget) > 0) {
            return null;
        }
        return delay;
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random. */
    Duration backoff(int attemptsMade) {
        long step = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attemptsMade - 1, 20));
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }

    static Duration parseRetryAfter(String retryAfter) {
        if (retryAfter == null || !retryAfter.strip().matches("\\d{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
