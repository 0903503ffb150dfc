package io.gigagate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.error.GatewayException;
import io.gigagate.support.RedisServer;
import io.gigagate.usage.Budgets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The keys' budgets counted across replicas on Redis (no PostgreSQL), and kept through a gateway's restart. */
class RedisBudgetCountersTest {

    private static RedisServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        opened.clear();
        server.restart();
    }

    private Budgets replica(String prefix, long tokensPerDay) {
        RedisState redis = server.connect(prefix, Duration.ofSeconds(1), new SimpleMeterRegistry());
        Budgets budgets = new Budgets(Map.of("team", new Budgets.Limit(tokensPerDay, 0, 0)), new RedisBudgetCounters(redis),
                Duration.ofMillis(50), Clock.systemUTC());
        opened.add(budgets);
        opened.add(redis);
        return budgets;
    }

    @Test
    void twoReplicasSpendOneBudgetAndARestartedReplicaRemembersIt() throws Exception {
        Budgets a = replica("b1:", 100);
        Budgets b = replica("b1:", 100);
        a.admit("team");
        a.charge("team", 80, java.time.Instant.now());
        b.admit("team");
        b.charge("team", 30, java.time.Instant.now());
        await(() -> refuses(a) && refuses(b));
        assertThatThrownBy(() -> b.admit("team")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("100 tokens");
        assertThat(a.status()).singleElement().satisfies(s -> assertThat(s.tokensToday()).isEqualTo(110));

        Budgets restarted = replica("b1:", 100);
        await(() -> refuses(restarted));
        assertThat(server.command("HGET " + "b1:{budget:team}:day:" + java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS).getEpochSecond() + " tokens")).isEqualTo("$3");
    }

    @Test
    void withRedisDownAReplicaKeepsCountingOnItsOwnAndCatchesUp() throws Exception {
        Budgets a = replica("b2:", 100);
        Budgets b = replica("b2:", 100);
        server.kill();
        a.admit("team");
        a.charge("team", 60, java.time.Instant.now());
        b.admit("team");
        b.charge("team", 60, java.time.Instant.now());
        Thread.sleep(200);
        a.admit("team"); // each replica alone is under its budget
        b.admit("team");
        server.restart();
        await(() -> refuses(a) && refuses(b));
    }

    private static boolean refuses(Budgets budgets) {
        try {
            budgets.admit("team");
            return false;
        } catch (GatewayException e) {
            return e.status() == 429;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
