package io.gigagate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseChain;
import io.gigagate.responses.ResponseStore;
import io.gigagate.support.RedisServer;
import io.gigagate.wire.WireJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stored responses on a real redis-server: exact round trip, owner scope, TTL, chains across replicas, outages. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisResponseStoreTest {

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
        return server.connect("t:", Duration.ofSeconds(2), new SimpleMeterRegistry());
    }

    private static ResponseStore.Stored stored(String id, String previous) throws Exception {
        byte[] response = ("{\"id\":\"" + id + "\",\"object\":\"response\","
                + "\"temperature\":0.30,\"big\":123456789012345678901234567890,\"output\":[{\"type\":\"message\","
                + "\"id\":\"msg_" + id + "\",\"content\":[{\"type\":\"output_text\",\"text\":\"Привет, мир\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode input = WireJson.mapper().readTree("{\"id\":\"in_" + id + "\",\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi " + id + "\"}]}");
        return ResponseStore.Stored.of(id, response, List.of(input), previous);
    }

    @Test
    void aStoredResponseComesBackExactlyUnderItsOwnerWithTheTtl() throws Exception {
        try (RedisState redis = connect()) {
            RedisResponseStore store = new RedisResponseStore(redis, Duration.ofMinutes(10));
            ResponseStore.Stored original = stored("resp_exact", "resp_before");
            store.put("key:team-a", original);

            ResponseStore.Stored back = store.get("key:team-a", "resp_exact").orElseThrow();
            assertThat(back.responseJson()).isEqualTo(original.responseJson()); // byte for byte: 0.30 stays 0.30
            assertThat(new String(back.responseJson(), StandardCharsets.UTF_8)).contains("\"temperature\":0.30", "Привет, мир");
            assertThat(back.inputJson()).isEqualTo(original.inputJson());
            assertThat(back.id()).isEqualTo("resp_exact");
            assertThat(back.previousResponseId()).isEqualTo("resp_before");
            assertThat(store.get("key:team-a", "resp_missing")).isEmpty();

            String key = store.key("key:team-a", "resp_exact");
            assertThat(key).startsWith("t::response:").endsWith(":resp_exact").doesNotContain("team-a");
            long ttl = pttl(key);
            assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void gigaChatsThreadIsKeptWithTheResponseAndOlderRecordsStayReadable() throws Exception {
        try (RedisState redis = connect()) {
            RedisResponseStore store = new RedisResponseStore(redis, Duration.ofMinutes(10));
            ResponseStore.Stored plain = stored("resp_plain", null);
            ResponseStore.Stored threaded = stored("resp_thread", "resp_plain")
                    .withThread(new ResponseStore.UpstreamThread("thread-Ж-1", "GigaChat-2-Max"));
            store.put("key:a", plain);
            store.put("key:a", threaded);

            ResponseStore.Stored back = store.get("key:a", "resp_thread").orElseThrow();
            assertThat(back.thread()).isEqualTo(new ResponseStore.UpstreamThread("thread-Ж-1", "GigaChat-2-Max"));
            assertThat(back.previousResponseId()).isEqualTo("resp_plain");
            assertThat(back.responseJson()).isEqualTo(threaded.responseJson());
            assertThat(back.inputJson()).isEqualTo(threaded.inputJson());
            assertThat(store.get("key:a", "resp_plain").orElseThrow().thread()).isNull();
            // a response without a thread is still written in the first format, which replicas before threads read
            assertThat(RedisResponseStore.write(plain)[0]).isEqualTo((byte) 1);
            assertThat(RedisResponseStore.write(threaded)[0]).isEqualTo((byte) 2);
            ResponseStore.Stored old = RedisResponseStore.read(RedisResponseStore.write(plain), "resp_plain");
            assertThat(old.previousResponseId()).isNull();
            assertThat(old.inputJson()).isEqualTo(plain.inputJson());
        }
    }

    @Test
    void aThreadsHeadMovesOnlyFromTheExpectedResponseAndIsTheOwnersOwn() throws Exception {
        try (RedisState one = connect(); RedisState other = connect()) {
            RedisResponseStore first = new RedisResponseStore(one, Duration.ofMinutes(10));
            RedisResponseStore second = new RedisResponseStore(other, Duration.ofMinutes(10));
            assertThat(first.threadHead("key:a", "thread-1")).isEmpty();
            first.setThreadHead("key:a", "thread-1", "resp_1");

            assertThat(second.threadHead("key:a", "thread-1")).contains("resp_1");
            assertThat(second.threadHead("key:b", "thread-1")).isEmpty();
            assertThat(second.advanceThreadHead("key:b", "thread-1", "resp_1", "resp_x")).isFalse();
            assertThat(second.advanceThreadHead("key:a", "thread-1", "resp_1", "resp_2")).isTrue();
            assertThat(first.advanceThreadHead("key:a", "thread-1", "resp_1", "resp_fork")).isFalse();
            assertThat(first.threadHead("key:a", "thread-1")).contains("resp_2");
            long ttl = pttl(first.threadKey("key:a", "thread-1"));
            assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void anotherOwnerNeitherSeesNorDeletesIt() throws Exception {
        try (RedisState redis = connect()) {
            RedisResponseStore store = new RedisResponseStore(redis, Duration.ofMinutes(10));
            store.put("key:team-a", stored("resp_owned", null));

            assertThat(store.get("key:team-b", "resp_owned")).isEmpty();
            assertThat(store.get("credential:abc", "resp_owned")).isEmpty();
            assertThat(store.delete("key:team-b", "resp_owned")).isFalse();
            assertThat(store.get("key:team-a", "resp_owned")).isPresent();

            assertThat(store.delete("key:team-a", "resp_owned")).isTrue();
            assertThat(store.get("key:team-a", "resp_owned")).isEmpty();
            assertThat(store.delete("key:team-a", "resp_owned")).isFalse();
        }
    }

    @Test
    void readingGivesTheTtlAgainAndAnUnreadResponseExpires() throws Exception {
        try (RedisState redis = connect()) {
            RedisResponseStore store = new RedisResponseStore(redis, Duration.ofMinutes(10));
            store.put("key:a", stored("resp_read", null));
            String key = store.key("key:a", "resp_read");
            server.command("PEXPIRE " + key + " 5000");
            assertThat(pttl(key)).isLessThanOrEqualTo(5000);

            store.get("key:a", "resp_read");
            assertThat(pttl(key)).as("a read keeps the conversation").isGreaterThan(5000);

            RedisResponseStore shortLived = new RedisResponseStore(redis, Duration.ofMillis(300));
            shortLived.put("key:a", stored("resp_short", null));
            assertThat(eventually(() -> server.command("EXISTS " + shortLived.key("key:a", "resp_short")).equals(":0")))
                    .isTrue();
            assertThat(shortLived.get("key:a", "resp_short")).isEmpty();
        }
    }

    @Test
    void aChainStoredThroughOneReplicaIsRebuiltThroughAnother() throws Exception {
        try (RedisState one = connect(); RedisState other = connect()) {
            RedisResponseStore first = new RedisResponseStore(one, Duration.ofMinutes(10));
            RedisResponseStore second = new RedisResponseStore(other, Duration.ofMinutes(10));
            first.put("key:a", stored("resp_1", null));
            second.put("key:a", stored("resp_2", "resp_1"));

            List<JsonNode> history = ResponseChain.history(first, "key:a", "resp_2");
            assertThat(history).extracting(item -> item.get("id").asText())
                    .containsExactly("in_resp_1", "msg_resp_1", "in_resp_2", "msg_resp_2");
            assertThatThrownBy(() -> ResponseChain.history(second, "key:b", "resp_2"))
                    .isInstanceOf(GatewayException.class).extracting(e -> ((GatewayException) e).status()).isEqualTo(404);
        }
    }

    @Test
    void whileRedisIsDownEveryUseIsA503AndAfterItsRestartTheStoreWorksAgain() throws Exception {
        try (RedisState redis = connect()) {
            RedisResponseStore store = new RedisResponseStore(redis, Duration.ofMinutes(10));
            store.put("key:a", stored("resp_before_crash", null));
            store.requireAvailable();
            server.kill();
            try {
                for (Runnable use : List.<Runnable>of(
                        () -> store.put("key:a", stored0("resp_during")),
                        () -> store.get("key:a", "resp_before_crash"),
                        () -> store.delete("key:a", "resp_before_crash"),
                        () -> ResponseChain.history(store, "key:a", "resp_before_crash"),
                        store::requireAvailable)) {
                    assertThatThrownBy(use::run).isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.category()).isEqualTo(ErrorCategory.SERVER);
                        assertThat(e.code()).isEqualTo("response_store_unavailable");
                        assertThat(e.getMessage()).contains("shared response store is unavailable")
                                .doesNotContain(RedisServer.PASSWORD);
                        assertThat(e.headers()).containsEntry("Retry-After", RedisResponseStore.RETRY_AFTER_SECONDS);
                    });
                }
            } finally {
                server.restart();
            }
            // the availability check alone (what a store:true request asks first) brings the store back
            assertThat(eventually(() -> {
                try {
                    store.requireAvailable();
                    return true;
                } catch (GatewayException e) {
                    return false;
                }
            })).isTrue();
            // a restarted Redis is empty (these tests run it without persistence); the store takes new ones
            store.put("key:a", stored0("resp_after"));
            assertThat(store.get("key:a", "resp_after")).map(ResponseStore.Stored::id).isEqualTo(Optional.of("resp_after"));
            store.requireAvailable();
        }
    }

    private static ResponseStore.Stored stored0(String id) {
        try {
            return stored(id, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pttl(String key) {
        return Long.parseLong(server.command("PTTL " + key).substring(1));
    }

    /** Polls until the condition holds or 20 s have passed. */
    static boolean eventually(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
