package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.error.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets on one replica (no database): days, months, minutes, the default for every other key, resets. */
class UsageBudgetsTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aDayBudgetRefusesAfterItIsSpentAndResetsAtMidnightUtc() {
        MovingClock clock = new MovingClock(Instant.parse("2026-12-07T23:59:00Z"));
        Budgets budgets = new Budgets(Map.of("team", new Budgets.Limit(100, 0, 0)), null, Duration.ofSeconds(1), clock);
        budgets.admit("team");
        budgets.charge("team", 150, clock.instant()); // the request that crosses the budget was served
        GatewayException refused = refusal(() -> budgets.admit("team"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("budget_exceeded");
        assertThat(refused.headers()).containsEntry("Retry-After", "60")
                .containsEntry(Budgets.RESET_HEADER, "2026-12-08T00:00:00Z");
        clock.now = Instant.parse("2026-12-08T00:00:01Z");
        budgets.admit("team");
        assertThat(budgets.status()).singleElement().satisfies(s -> {
            assertThat(s.tokensToday()).isZero();
            assertThat(s.exhausted()).isFalse();
        });
    }

    @Test
    void monthAndRequestsPerMinuteAndTheDefaultForOtherKeys() {
        MovingClock clock = new MovingClock(Instant.parse("2026-12-31T10:00:30Z"));
        Budgets budgets = new Budgets(Map.of(
                "team", new Budgets.Limit(0, 1000, 2),
                Budgets.DEFAULT_KEY, new Budgets.Limit(10, 0, 0)), null, Duration.ofSeconds(1), clock);
        budgets.admit("team");
        budgets.admit("team");
        GatewayException rate = refusal(() -> budgets.admit("team"));
        assertThat(rate.code()).isEqualTo("rate_limit_exceeded");
        assertThat(rate.headers()).containsEntry(Budgets.RESET_HEADER, "2026-12-31T10:01:00Z");
        clock.now = Instant.parse("2026-12-31T10:01:00Z");
        budgets.admit("team");
        budgets.charge("team", 1000, clock.instant());
        assertThat(refusal(() -> budgets.admit("team")).headers())
                .containsEntry(Budgets.RESET_HEADER, "2027-01-01T00:00:00Z");

        // any other key has the default budget; a key without one has none
        budgets.admit("someone");
        budgets.charge("someone", 10, clock.instant());
        assertThat(refusal(() -> budgets.admit("someone")).code()).isEqualTo("budget_exceeded");
        assertThat(budgets.status()).extracting(Budgets.Status::apiKeyName).contains("team", "someone");

        Budgets none = new Budgets(Map.of(), null, Duration.ofSeconds(1), clock);
        assertThat(none.enabled()).isFalse();
        none.admit("anyone");
        none.charge("anyone", 1_000_000, clock.instant());
        none.admit("anyone");
    }

    private static GatewayException refusal(Runnable r) {
        try {
            r.run();
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void refusalsThrowTheGatewaysOwnException() {
        Budgets budgets = new Budgets(Map.of("k", new Budgets.Limit(0, 0, 1)), null, Duration.ofSeconds(1),
                Clock.systemUTC());
        budgets.admit("k");
        assertThatThrownBy(() -> budgets.admit("k")).isInstanceOf(GatewayException.class);
    }
}
