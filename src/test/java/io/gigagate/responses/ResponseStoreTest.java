package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.wire.WireJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory response store: bounded, expiring a TTL after last use, scoped by owner. */
class ResponseStoreTest {

    @Test
    void theStoreExpiresAResponseATtlAfterItsLastUse() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        InMemoryResponseStore store = new InMemoryResponseStore(100, Duration.ofMinutes(10), nanos::get);
        store.put("key:a", stored("resp_1", List.of(), null));
        store.put("key:a", stored("resp_2", List.of(), null));

        nanos.addAndGet(Duration.ofMinutes(8).toNanos());
        assertThat(store.get("key:a", "resp_1")).isPresent(); // used: kept 10 more minutes
        nanos.addAndGet(Duration.ofMinutes(8).toNanos());
        assertThat(store.get("key:a", "resp_1")).isPresent();
        assertThat(store.get("key:a", "resp_2")).as("unused for 16 minutes").isEmpty();
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(store.get("key:a", "resp_1")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void theStoreForgetsAndScopes() {
        InMemoryResponseStore store = new InMemoryResponseStore(2, Duration.ofMinutes(1));
        for (String id : List.of("resp_1", "resp_2", "resp_3")) {
            store.put("key:a", stored(id, List.of(), null));
        }
        assertThat(store.size()).isLessThanOrEqualTo(2);
        assertThat(store.get("key:b", "resp_3")).isEmpty();
        assertThat(store.delete("key:b", "resp_3")).isFalse();
        assertThat(store.get("key:a", "resp_3")).isPresent();
        assertThat(store.delete("key:a", "resp_3")).isTrue();
        assertThat(store.get("key:a", "resp_3")).isEmpty();
    }

    @Test
    void aThreadsHeadMovesOnlyFromTheExpectedResponse() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, Duration.ofMinutes(1));
        assertThat(store.threadHead("key:a", "t1")).isEmpty();
        assertThat(store.advanceThreadHead("key:a", "t1", "resp_1", "resp_2")).isFalse();
        store.setThreadHead("key:a", "t1", "resp_1");

        assertThat(store.threadHead("key:b", "t1")).isEmpty();
        assertThat(store.advanceThreadHead("key:a", "t1", "resp_1", "resp_2")).isTrue();
        assertThat(store.advanceThreadHead("key:a", "t1", "resp_1", "resp_fork")).isFalse();
        assertThat(store.threadHead("key:a", "t1")).contains("resp_2");
    }

    private static ResponseStore.Stored threaded(String id, String instructions, String threadId, String model) {
        ResponseStore.Stored stored = ResponseStore.Stored.of(id, WireJson.mapper().createObjectNode().put("id", id)
                .put("instructions", instructions).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                List.of(), null);
        return threadId == null ? stored : stored.withThread(new ResponseStore.UpstreamThread(threadId, model));
    }

    @Test
    void aThreadIsContinuedOnItsModelWithItsInstructionsFromItsHeadOnly() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, Duration.ofMinutes(1));
        ResponseStore.Stored previous = threaded("resp_1", "Be brief.", "t1", "GigaChat-2-Max");
        store.setThreadHead("o", "t1", "resp_1");

        assertThat(UpstreamStorage.plan("GigaChat-2-Max", "Be brief.", null, store, "o", "resp_0"))
                .isEqualTo(new UpstreamStorage("GigaChat-2-Max", null));
        assertThat(UpstreamStorage.plan("GigaChat-2-Max", "Be brief.", threaded("resp_x", "Be brief.", null, null),
                store, "o", "resp_0").continues()).isFalse();
        assertThat(UpstreamStorage.plan("GigaChat-2-Pro", "Be brief.", previous, store, "o", "resp_2").continues())
                .as("another model").isFalse();
        assertThat(UpstreamStorage.plan("GigaChat-2-Max", "Be verbose.", previous, store, "o", "resp_2").continues())
                .as("other instructions").isFalse();
        assertThat(UpstreamStorage.plan("GigaChat-2-Max", "Be brief.", previous, store, "other", "resp_2").continues())
                .as("another owner's head").isFalse();
        assertThat(store.threadHead("o", "t1")).contains("resp_1");

        assertThat(UpstreamStorage.plan("GigaChat-2-Max", "Be brief.", previous, store, "o", "resp_2"))
                .isEqualTo(new UpstreamStorage("GigaChat-2-Max", "t1"));
        assertThat(store.threadHead("o", "t1")).contains("resp_2");
        assertThat(UpstreamStorage.plan("GigaChat-2-Max", "Be brief.", previous, store, "o", "resp_3").continues())
                .as("a second continuation of resp_1 is a fork").isFalse();
        assertThat(UpstreamStorage.plan("GigaChat-2-Max", null, threaded("resp_4", "", "t4", "GigaChat-2-Max"),
                storeWithHead("t4", "resp_4"), "o", "resp_5").continues()).as("empty instructions are none").isTrue();
    }

    private static InMemoryResponseStore storeWithHead(String threadId, String head) {
        InMemoryResponseStore store = new InMemoryResponseStore(10, Duration.ofMinutes(1));
        store.setThreadHead("o", threadId, head);
        return store;
    }

    @Test
    void theBoundDropsTheLeastRecentlyUsed() {
        InMemoryResponseStore store = new InMemoryResponseStore(2, Duration.ofMinutes(1));
        store.put("key:a", stored("resp_1", List.of(), null));
        store.put("key:a", stored("resp_2", List.of(), null));
        assertThat(store.get("key:a", "resp_1")).isPresent(); // now resp_2 is the least recently used

        store.put("key:b", stored("resp_3", List.of(), null));

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.get("key:a", "resp_2")).isEmpty();
        assertThat(store.get("key:a", "resp_1")).isPresent();
        assertThat(store.get("key:b", "resp_3")).isPresent();
    }

    @Test
    void manyWritersAndReadersKeepTheBound() throws Exception {
        InMemoryResponseStore store = new InMemoryResponseStore(500, Duration.ofMinutes(1));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String owner = "key:" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String id = "resp_" + i;
                        store.put(owner, ResponseStore.Stored.of(id, new byte[] {'{', '}'}, List.of(), null));
                        store.get(owner, "resp_" + (i / 2)); // reads move entries while others write
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // writers racing may each drop one more than the bound asks, never keep more
        assertThat(store.size()).isBetween(500L - 16, 500L);
        assertThat(store.queued()).isLessThanOrEqualTo(2 * 500 + 64);
    }

    @Test
    void readsAndDeletesLeaveTheQueueBounded() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            store.put("key:a", ResponseStore.Stored.of("resp_" + i, new byte[] {'{', '}'}, List.of(), null));
        }
        for (int i = 0; i < 10_000; i++) { // each read queues a ticket and outlives the last one
            assertThat(store.get("key:a", "resp_" + (i % 5))).isPresent();
        }
        for (int i = 0; i < 1_000; i++) { // written and deleted: never over the bound, so nothing is evicted
            store.put("key:b", ResponseStore.Stored.of("resp_x" + i, new byte[] {'{', '}'}, List.of(), null));
            assertThat(store.delete("key:b", "resp_x" + i)).isTrue();
        }
        assertThat(store.queued()).isLessThanOrEqualTo(2 * 10 + 64);
        assertThat(store.size()).isEqualTo(5);
        assertThat(store.get("key:a", "resp_3")).isPresent();
    }

    @Test
    void aResponseStoredAgainReplacesTheOneBeforeAndItsPlaceInTheBound() {
        InMemoryResponseStore store = new InMemoryResponseStore(2, Duration.ofMinutes(1));
        store.put("key:a", ResponseStore.Stored.of("resp_1", "{\"v\":1}".getBytes(), List.of(), null));
        store.put("key:a", ResponseStore.Stored.of("resp_2", new byte[] {'{', '}'}, List.of(), null));
        store.put("key:a", ResponseStore.Stored.of("resp_1", "{\"v\":2}".getBytes(), List.of(), null));
        assertThat(new String(store.get("key:a", "resp_1").orElseThrow().responseJson())).isEqualTo("{\"v\":2}");
        assertThat(store.size()).isEqualTo(2);

        // the first resp_1's ticket is outlived: the next write drops resp_2, the least recently used, not resp_1
        store.put("key:a", ResponseStore.Stored.of("resp_3", new byte[] {'{', '}'}, List.of(), null));
        assertThat(store.get("key:a", "resp_2")).isEmpty();
        assertThat(new String(store.get("key:a", "resp_1").orElseThrow().responseJson())).isEqualTo("{\"v\":2}");
        assertThat(store.delete("key:a", "resp_1")).isTrue();
        assertThat(store.get("key:a", "resp_1")).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void oneOwnersResponseIsNotAnothersEvenUnderTheSameId() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, Duration.ofMinutes(1));
        store.put("key:" + "a", ResponseStore.Stored.of("resp_1", "{\"v\":\"a\"}".getBytes(), List.of(), null));
        store.put("key:" + "b", ResponseStore.Stored.of("resp_1", "{\"v\":\"b\"}".getBytes(), List.of(), null));
        assertThat(new String(store.get("key:a", "resp_1").orElseThrow().responseJson())).isEqualTo("{\"v\":\"a\"}");
        assertThat(new String(store.get("key:b", "resp_1").orElseThrow().responseJson())).isEqualTo("{\"v\":\"b\"}");
        assertThat(store.delete("key:b", "resp_1")).isTrue();
        assertThat(store.get("key:a", "resp_1")).isPresent();
        assertThat(store.get("key:b", "resp_1")).isEmpty();
    }

    /** A stored response of this id with an empty answer object. */
    private static ResponseStore.Stored stored(String id, List<com.fasterxml.jackson.databind.node.ObjectNode> input,
                                               String previousResponseId) {
        return ResponseStore.Stored.of(id, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), input,
                previousResponseId);
    }
}
