package io.gigagate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(3), () -> 1.0);

    @Test
    void backoffDoublesUpToTheMaximumWithJitterInTheUpperHalf() {
        RetryPolicy lowJitter = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(3),
                () -> 0.0);

        assertThat(policy.nextDelay(1, Duration.ZERO, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.nextDelay(2, Duration.ZERO, null)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.nextDelay(3, Duration.ZERO, null)).isEqualTo(Duration.ofMillis(800));
        assertThat(lowJitter.nextDelay(3, Duration.ZERO, null)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void attemptsAndBudgetAreBounded() {
        assertThat(policy.nextDelay(4, Duration.ZERO, null)).isNull();
        assertThat(policy.nextDelay(1, Duration.ofMillis(2_900), null)).isNull();
    }

    @Test
    void retryAfterWinsUnlessItBreaksTheBudget() {
        assertThat(policy.nextDelay(1, Duration.ZERO, "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.nextDelay(1, Duration.ZERO, "60")).isNull();
        assertThat(policy.nextDelay(1, Duration.ZERO, "soon")).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void whatIsRetryable() {
        assertThat(RetryPolicy.isRetryable(429)).isTrue();
        assertThat(RetryPolicy.isRetryable(503)).isTrue();
        assertThat(RetryPolicy.isRetryable(400)).isFalse();
        assertThat(RetryPolicy.isRetryable(401)).isFalse();
        assertThat(RetryPolicy.isRetryable(new IOException("connection reset"))).isTrue();
        assertThat(RetryPolicy.isRetryable(new SocketTimeoutException("read timed out"))).isFalse();
    }
}
