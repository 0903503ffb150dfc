package io.gigagate.state;

import static io.gigagate.state.RedisResponseStoreTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.files.PartBytes;
import io.gigagate.files.UploadCache;
import io.gigagate.support.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The upload cache two replicas share on a real redis-server, and this replica's memory while Redis is down. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisUploadCacheTest {

    private static RedisServer server;
    private final AtomicInteger uploads = new AtomicInteger();

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    private static RedisState connect() {
        return server.connect("u:", Duration.ofSeconds(2), new SimpleMeterRegistry());
    }

    private String upload() {
        return "file-" + uploads.incrementAndGet();
    }

    private static PartBytes image(int seed) {
        return new PartBytes(new byte[] {(byte) seed, 2, 3}, "image/png", null);
    }

    @Test
    void contentSentThroughTwoReplicasIsUploadedOncePerCredentialWithTheTtl() {
        try (RedisState one = connect(); RedisState other = connect()) {
            UploadCache first = new RedisUploadCache(one, 100, Duration.ofHours(1));
            UploadCache second = new RedisUploadCache(other, 100, Duration.ofHours(1));

            assertThat(first.fileId("gateway", image(1), this::upload)).isEqualTo("file-1");
            assertThat(second.fileId("gateway", image(1), this::upload)).isEqualTo("file-1");
            assertThat(uploads).hasValue(1);
            assertThat(second.fileId("credential-b", image(1), this::upload)).as("never another credential's file")
                    .isEqualTo("file-2");
            assertThat(second.fileId("gateway", new PartBytes(new byte[] {1, 2, 3}, "image/jpeg", null), this::upload))
                    .isEqualTo("file-3");

            String key = "u::upload:" + UploadCache.key("gateway", image(1));
            long ttl = Long.parseLong(server.command("PTTL " + key).substring(1));
            assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
            assertThat(server.command("PTTL u::upload-id:file-1")).isNotEqualTo(":-1").isNotEqualTo(":-2");
        }
    }

    @Test
    void aFileForgottenThroughOneReplicaIsUploadedAgainThroughTheOther() {
        try (RedisState one = connect(); RedisState other = connect()) {
            UploadCache first = new RedisUploadCache(one, 100, Duration.ofHours(1));
            UploadCache second = new RedisUploadCache(other, 100, Duration.ofHours(1));
            String id = first.fileId("gateway", image(2), this::upload);

            second.forget(id);

            assertThat(first.fileId("gateway", image(2), this::upload)).isEqualTo("file-2");
            assertThat(server.command("EXISTS u::upload-id:" + id)).isEqualTo(":0");
            first.forget("file-never-known"); // nothing to do, no failure
        }
    }

    @Test
    void whileRedisIsDownThisReplicaRemembersItselfAndAfterTheRestartRedisIsUsedAgain() throws Exception {
        try (RedisState redis = connect()) {
            UploadCache cache = new RedisUploadCache(redis, 100, Duration.ofHours(1));
            server.kill();
            try {
                assertThat(cache.fileId("gateway", image(3), this::upload)).isEqualTo("file-1");
                assertThat(cache.fileId("gateway", image(3), this::upload)).as("remembered locally").isEqualTo("file-1");
                assertThat(uploads).hasValue(1);
                cache.forget("file-1"); // Redis down: dropped locally, no failure
                assertThat(cache.fileId("gateway", image(3), this::upload)).isEqualTo("file-2");
            } finally {
                server.restart();
            }
            String shared = "u::upload:" + UploadCache.key("gateway", image(4));
            assertThat(eventually(() -> {
                cache.fileId("gateway", image(4), this::upload);
                return ":1".equals(server.command("EXISTS " + shared));
            })).as("Redis used again once it is back, without restarting anything").isTrue();
            int before = uploads.get();
            String id = cache.fileId("gateway", image(4), this::upload);
            try (RedisState other = connect()) {
                assertThat(new RedisUploadCache(other, 100, Duration.ofHours(1)).fileId("gateway", image(4), this::upload))
                        .as("found by another replica").isEqualTo(id);
            }
            assertThat(uploads).hasValue(before);
        }
    }
}
