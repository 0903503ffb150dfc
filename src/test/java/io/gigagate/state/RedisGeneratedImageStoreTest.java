package io.gigagate.state;

import static io.gigagate.state.RedisResponseStoreTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.camel.GeneratedImageStore;
import io.gigagate.support.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Generated images (their /v1/images/content/{key} URLs) shared on a real redis-server, and kept locally while it is down. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisGeneratedImageStoreTest {

    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    private static RedisState connect() {
        return server.connect("i:", Duration.ofSeconds(2), new SimpleMeterRegistry());
    }

    private static byte[] jpeg(int seed) {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + seed); // every byte value, not only text
        }
        return bytes;
    }

    @Test
    void anImageStoredByOneReplicaIsServedByAnotherUntilItsTtl() throws Exception {
        try (RedisState one = connect(); RedisState other = connect()) {
            GeneratedImageStore first = new GeneratedImageStore(Duration.ofMinutes(15), 1 << 20, one);
            GeneratedImageStore second = new GeneratedImageStore(Duration.ofMinutes(15), 1 << 20, other);
            byte[] image = jpeg(1);

            String key = first.put(image);

            assertThat(second.get(key)).isEqualTo(image);
            assertThat(second.get("unknown-key")).isNull();
            assertThat(second.get(null)).isNull();
            long ttl = Long.parseLong(server.command("PTTL i::image:" + key).substring(1));
            assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15).toMillis());

            GeneratedImageStore shortLived = new GeneratedImageStore(Duration.ofMillis(300), 1 << 20, one);
            String gone = shortLived.put(jpeg(2));
            assertThat(eventually(() -> ":0".equals(server.command("EXISTS i::image:" + gone)))).isTrue();
            assertThat(second.get(gone)).isNull();
        }
    }

    @Test
    void whileRedisIsDownAnImageIsKeptOnThisReplicaAndAfterTheRestartSharedAgain() throws Exception {
        try (RedisState redis = connect(); RedisState other = connect()) {
            GeneratedImageStore store = new GeneratedImageStore(Duration.ofMinutes(15), 1 << 20, redis);
            GeneratedImageStore otherReplica = new GeneratedImageStore(Duration.ofMinutes(15), 1 << 20, other);
            server.kill();
            String local;
            try {
                local = store.put(jpeg(3));
                assertThat(store.get(local)).as("its URL works on this replica").isEqualTo(jpeg(3));
            } finally {
                server.restart();
            }
            assertThat(eventually(() -> {
                String key = store.put(jpeg(4));
                return ":1".equals(server.command("EXISTS i::image:" + key));
            })).as("Redis used again once it is back").isTrue();
            assertThat(eventually(() -> store.get(local) != null)).as("still served here").isTrue();
            String shared = store.put(jpeg(5));
            assertThat(otherReplica.get(shared)).isEqualTo(jpeg(5));
        }
    }
}
