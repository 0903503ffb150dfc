package io.gigagate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.error.GatewayException;
import io.gigagate.security.KeyLimits;
import io.gigagate.support.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared limits on a real Redis, with two "replicas" (two limiter instances, each with its own connection)
 * in one test: global counts, leases that free a dead replica's slots, one fair queue, and the fallback while
 * Redis is down.
 */
class RedisLimitsTest {

    private static RedisServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SimpleMeterRegistry registry;
    private String prefix;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshKeys() {
        registry = new SimpleMeterRegistry();
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @AfterEach
    void closeReplicas() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        opened.clear();
        server.restart();
    }

    private RedisState replica() {
        RedisState redis = server.connect(prefix, Duration.ofMillis(500), registry);
        opened.add(redis);
        return redis;
    }

    private RedisKeyLimits keyLimits(int perMinute, int atOnce, Duration lease) {
        RedisKeyLimits limits = new RedisKeyLimits(replica(), perMinute, atOnce, lease);
        opened.add(limits);
        return limits;
    }

    private RedisModelConcurrency models(int limit, int maxWaiting, Duration maxWait) {
        RedisModelConcurrency models = new RedisModelConcurrency(replica(), Map.of("GigaChat-2-Max", limit), 0,
                maxWaiting, maxWait, Duration.ofSeconds(30));
        opened.add(models);
        return models;
    }

    @Test
    void aKeyLimitedToNPerMinuteGetsExactlyNAcrossReplicas() {
        KeyLimits a = keyLimits(5, 0, Duration.ofSeconds(30));
        KeyLimits b = keyLimits(5, 0, Duration.ofSeconds(30));
        int admitted = 0;
        List<GatewayException> refusals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            try {
                (i % 2 == 0 ? a : b).acquire("team-a").close();
                admitted++;
            } catch (GatewayException e) {
                refusals.add(e);
            }
        }
        assertThat(admitted).isEqualTo(5);
        assertThat(refusals).hasSize(7).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("5 requests per minute");
            long retryAfter = Long.parseLong(e.headers().get("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 12L);
        });
        // another key has its own bucket
        a.acquire("team-b").close();
    }

    @Test
    void requestsInFlightAreCountedAcrossReplicasAndGivenBack() throws Exception {
        KeyLimits a = keyLimits(0, 2, Duration.ofSeconds(30));
        KeyLimits b = keyLimits(0, 2, Duration.ofSeconds(30));
        KeyLimits.Permit first = a.acquire("team-a");
        KeyLimits.Permit second = b.acquire("team-a");
        assertThatThrownBy(() -> a.acquire("team-a")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("at most 2 at once");
        assertThatThrownBy(() -> b.acquire("team-a")).isInstanceOf(GatewayException.class);
        second.close();
        awaitAdmitted(a, "team-a", Duration.ofSeconds(5)).close();
        first.close();
    }

    @Test
    void aRefusalForConcurrencySpendsNoToken() {
        KeyLimits a = keyLimits(2, 1, Duration.ofSeconds(30));
        KeyLimits.Permit held = a.acquire("team-a");
        assertThatThrownBy(() -> a.acquire("team-a")).hasMessageContaining("at once");
        assertThatThrownBy(() -> a.acquire("team-a")).hasMessageContaining("at once");
        held.close();
        awaitAdmitted(a, "team-a", Duration.ofSeconds(5)).close();
        assertThatThrownBy(() -> a.acquire("team-a")).hasMessageContaining("per minute");
    }

    @Test
    void aReplicaThatDiesMidRequestFreesItsSlotWithinOneLease() throws Exception {
        RedisKeyLimits dying = keyLimits(0, 1, Duration.ofMillis(600));
        KeyLimits survivor = keyLimits(0, 1, Duration.ofMillis(600));
        dying.acquire("team-a"); // never given back
        dying.close(); // stops renewing, as a dead replica would
        assertThatThrownBy(() -> survivor.acquire("team-a")).hasMessageContaining("at once");
        long start = System.nanoTime();
        awaitAdmitted(survivor, "team-a", Duration.ofSeconds(10)).close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aLiveReplicaKeepsItsSlotBeyondTheLease() throws Exception {
        KeyLimits holder = keyLimits(0, 1, Duration.ofMillis(300));
        KeyLimits other = keyLimits(0, 1, Duration.ofMillis(300));
        KeyLimits.Permit held = holder.acquire("team-a");
        for (int i = 0; i < 6; i++) {
            Thread.sleep(200);
            assertThatThrownBy(() -> other.acquire("team-a")).as("after %d ms", (i + 1) * 200).hasMessageContaining("at once");
        }
        held.close();
        awaitAdmitted(other, "team-a", Duration.ofSeconds(5)).close();
    }

    @Test
    void withRedisDownEachReplicaCountsAloneAndSaysSoThenSharesAgain() throws Exception {
        RedisState redis = replica();
        RedisKeyLimits limits = new RedisKeyLimits(redis, 3, 0, Duration.ofSeconds(30));
        opened.add(limits);
        limits.acquire("team-a").close();
        server.kill();
        int admitted = 0;
        for (int i = 0; i < 6; i++) {
            try {
                limits.acquire("team-b").close();
                admitted++;
            } catch (GatewayException e) {
                assertThat(e.status()).isEqualTo(429);
            }
        }
        assertThat(admitted).as("the local fallback enforces the same limit").isEqualTo(3);
        assertThat(registry.get("gigagate.state.fallbacks").tag("what", "key-limits").counter().count()).isEqualTo(6);
        assertThat(redis.details()).containsEntry("fallbacks.key-limits", 6L);

        server.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String count = null;
        while (System.nanoTime() < deadline) {
            try {
                limits.acquire("team-c").close();
            } catch (GatewayException e) {
                // the local bucket of team-c may refuse while Redis is still unavailable
            }
            count = server.command("EXISTS " + prefix + "{key:team-c}:rate");
            if (":1".equals(count)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(count).as("back on Redis without a restart of the gateway").isEqualTo(":1");
    }

    @Test
    void aModelLimitedToOneNeverRunsTwoCallsAtOnceAcrossReplicas() throws Exception {
        RedisModelConcurrency a = models(1, 20, Duration.ofSeconds(20));
        RedisModelConcurrency b = models(1, 20, Duration.ofSeconds(20));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RedisModelConcurrency replica = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> {
                    try (KeyLimits.Permit permit = replica.acquire("GigaChat-2-Max")) {
                        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(40);
                        running.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(peak.get()).isEqualTo(1);
        assertThat(a.acquire("GigaChat-2").getClass()).as("an unlimited model").isEqualTo(KeyLimits.Permit.NONE.getClass());
    }

    @Test
    void theFleetHasOneQueueServedInArrivalOrder() throws Exception {
        RedisModelConcurrency a = models(1, 20, Duration.ofSeconds(20));
        RedisModelConcurrency b = models(1, 20, Duration.ofSeconds(20));
        KeyLimits.Permit held = a.acquire("GigaChat-2-Max");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> waiters = new ArrayList<>();
            String[] names = {"b-first", "a-second", "b-third"};
            RedisModelConcurrency[] replicas = {b, a, b};
            for (int i = 0; i < 3; i++) {
                String name = names[i];
                RedisModelConcurrency replica = replicas[i];
                CountDownLatch queued = new CountDownLatch(1);
                waiters.add(pool.submit(() -> {
                    queued.countDown();
                    try (KeyLimits.Permit permit = replica.acquire("GigaChat-2-Max")) {
                        order.add(name);
                        Thread.sleep(20);
                    }
                    return null;
                }));
                queued.await();
                awaitQueueLength(i + 1);
            }
            held.close();
            for (Future<?> waiter : waiters) {
                waiter.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(order).containsExactly("b-first", "a-second", "b-third");
    }

    @Test
    void aFullQueueOrALongWaitIsRefusedAndTheWaiterLeavesTheQueue() throws Exception {
        RedisModelConcurrency a = models(1, 1, Duration.ofMillis(400));
        RedisModelConcurrency b = models(1, 1, Duration.ofMillis(400));
        KeyLimits.Permit held = a.acquire("GigaChat-2-Max");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = pool.submit(() -> b.acquire("GigaChat-2-Max"));
            awaitQueueLength(1);
            assertThatThrownBy(() -> a.acquire("GigaChat-2-Max")).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("queue is full");
            assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingRootCause().withMessageContaining("no slot freed within 400 ms");
            awaitQueueLength(0);
        } finally {
            pool.shutdownNow();
            held.close();
        }
    }

    @Test
    void withRedisDownTheModelLimitHoldsOnEachReplica() throws Exception {
        RedisModelConcurrency a = models(1, 0, Duration.ofMillis(100));
        server.kill();
        KeyLimits.Permit held = a.acquire("GigaChat-2-Max");
        assertThatThrownBy(() -> a.acquire("GigaChat-2-Max")).hasMessageContaining("busy");
        held.close();
        a.acquire("GigaChat-2-Max").close();
        assertThat(registry.get("gigagate.state.fallbacks").tag("what", "model-concurrency").counter().count())
                .isGreaterThanOrEqualTo(3);
    }

    private void awaitQueueLength(int length) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String answer = null;
        while (System.nanoTime() < deadline) {
            answer = server.command("ZCARD " + prefix + "{model:GigaChat-2-Max}:queue");
            if ((":" + length).equals(answer)) {
                return;
            }
            Thread.sleep(10);
        }
        assertThat(answer).as("queue length").isEqualTo(":" + length);
    }

    private static KeyLimits.Permit awaitAdmitted(KeyLimits limits, String key, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return limits.acquire(key);
            } catch (GatewayException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
