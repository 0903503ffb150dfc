package io.gigagate.gigachat.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RefreshingTokenAuthTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final Clock clock = new Clock() {
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
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final AtomicInteger fetches = new AtomicInteger();

    /** Issues token-N that lives 30 minutes. */
    private AccessToken issue() {
        int n = fetches.incrementAndGet();
        return new AccessToken("token-" + n, now.get() + 30 * 60_000);
    }

    @Nested
    class RefreshTiming {

        @Test
        void aFreshTokenIsReused() {
            RefreshingTokenAuth auth = new RefreshingTokenAuth(RefreshingTokenAuthTest.this::issue, clock, 60_000);

            assertThat(auth.authorization()).isEqualTo("Bearer token-1");
            now.addAndGet(28 * 60_000);
            assertThat(auth.authorization()).isEqualTo("Bearer token-1");
            assertThat(fetches).hasValue(1);
        }

        @Test
        void aTokenIsRenewedSixtySecondsBeforeItExpires() {
            RefreshingTokenAuth auth = new RefreshingTokenAuth(RefreshingTokenAuthTest.this::issue, clock, 60_000);
            auth.authorization();

            now.addAndGet(29 * 60_000 - 1);
            assertThat(auth.authorization()).isEqualTo("Bearer token-1");
            now.addAndGet(1);
            assertThat(auth.authorization()).isEqualTo("Bearer token-2");
        }
    }

    @Nested
    class Rejection {

        @Test
        void aRejectedCurrentTokenIsDroppedAndReplaced() {
            RefreshingTokenAuth auth = new RefreshingTokenAuth(RefreshingTokenAuthTest.this::issue, clock, 60_000);
            String first = auth.authorization();

            assertThat(auth.tokenRejected(first)).isTrue();
            assertThat(auth.authorization()).isEqualTo("Bearer token-2");
        }

        @Test
        void aRejectionOfAnOlderTokenKeepsTheNewerOne() {
            RefreshingTokenAuth auth = new RefreshingTokenAuth(RefreshingTokenAuthTest.this::issue, clock, 60_000);
            String old = auth.authorization();
            auth.tokenRejected(old);
            auth.authorization();

            auth.tokenRejected(old);

            assertThat(auth.authorization()).isEqualTo("Bearer token-2");
            assertThat(fetches).hasValue(2);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void manyWaitingCallersShareOneFetch() throws Exception {
            CountDownLatch fetchStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RefreshingTokenAuth auth = new RefreshingTokenAuth(() -> {
                fetchStarted.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return issue();
            }, clock, 60_000);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    results.add(pool.submit(auth::authorization));
                }
                assertThat(fetchStarted.await(5, TimeUnit.SECONDS)).isTrue();
                release.countDown();
                for (Future<String> result : results) {
                    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("Bearer token-1");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(fetches).hasValue(1);
        }
    }

    @Test
    void theTokenNeverAppearsInToString() {
        assertThat(new AccessToken("secret-token", 1L).toString()).doesNotContain("secret-token");
        assertThat(new StaticTokenAuth("secret-token").toString()).doesNotContain("secret-token");
    }
}
