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
    void manyWritersAndReadersKeepTheBoundAndEachResponseWhole() throws Exception {
        InMemoryResponseStore store = new InMemoryResponseStore(500, 256 << 10, Duration.ofMinutes(1),
                System::nanoTime, 16 << 10); // small blocks: the log wraps many times
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.atomic.AtomicInteger found = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String owner = "key:" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        store.put(owner, ResponseStore.Stored.of("resp_" + i, body(owner, i), List.of(), null));
                        int read = i / 2; // reads move entries while others write
                        store.get(owner, "resp_" + read).ifPresent(stored -> {
                            assertThat(stored.id()).isEqualTo("resp_" + read);
                            assertThat(stored.responseJson()).isEqualTo(body(owner, read));
                            found.incrementAndGet();
                        });
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.size()).isEqualTo(500);
        assertThat(store.heldBytes()).isLessThanOrEqualTo(256 << 10);
        assertThat(found.get()).as("reads that found their response").isPositive();
    }

    private static byte[] body(String owner, int i) {
        return ("{\"owner\":\"" + owner + "\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 300) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void readsAndDeletesKeepTheLogWithinItsBytesAndTheResponsesInUse() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, 64 << 10, Duration.ofMinutes(1), System::nanoTime,
                4 << 10);
        for (int i = 0; i < 5; i++) {
            store.put("key:a", ResponseStore.Stored.of("resp_" + i, new byte[] {'{', '}'}, List.of(), null));
        }
        for (int i = 0; i < 10_000; i++) { // a read in the log's older half writes the response again
            assertThat(store.get("key:a", "resp_" + (i % 5))).isPresent();
        }
        for (int i = 0; i < 2_000; i++) { // written and deleted: old blocks go, the responses in use are written again
            store.put("key:b", ResponseStore.Stored.of("resp_x" + i, new byte[] {'{', '}'}, List.of(), null));
            assertThat(store.delete("key:b", "resp_x" + i)).isTrue();
            assertThat(store.get("key:a", "resp_" + (i % 5))).isPresent();
        }
        assertThat(store.heldBytes()).isLessThanOrEqualTo(64 << 10);
        assertThat(store.size()).isEqualTo(5);
    }

    @Test
    void aResponseStoredAgainReplacesTheOneBeforeAndItsPlaceInTheBound() {
        InMemoryResponseStore store = new InMemoryResponseStore(2, Duration.ofMinutes(1));
        store.put("key:a", ResponseStore.Stored.of("resp_1", "{\"v\":1}".getBytes(), List.of(), null));
        store.put("key:a", ResponseStore.Stored.of("resp_2", new byte[] {'{', '}'}, List.of(), null));
        store.put("key:a", ResponseStore.Stored.of("resp_1", "{\"v\":2}".getBytes(), List.of(), null));
        assertThat(new String(store.get("key:a", "resp_1").orElseThrow().responseJson())).isEqualTo("{\"v\":2}");
        assertThat(store.size()).isEqualTo(2);

        // the first resp_1 is gone from the log's order: the next write drops resp_2, the least recently used
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

    @Test
    void aResponseLargerThanABlockIsKeptWholeAndOneLargerThanTheStoreAlone() {
        InMemoryResponseStore store = new InMemoryResponseStore(100, 32 << 10, Duration.ofMinutes(1), System::nanoTime,
                4 << 10);
        store.put("key:a", ResponseStore.Stored.of("resp_small", body("key:a", 1), List.of(), null));
        byte[] large = ("\"" + "l".repeat(10_000) + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put("key:a", ResponseStore.Stored.of("resp_large", large, List.of(), null));
        assertThat(store.get("key:a", "resp_large").orElseThrow().responseJson()).isEqualTo(large);
        assertThat(store.get("key:a", "resp_small")).isPresent();

        byte[] huge = ("\"" + "h".repeat(40_000) + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put("key:a", ResponseStore.Stored.of("resp_huge", huge, List.of(), "resp_large"));
        ResponseStore.Stored stored = store.get("key:a", "resp_huge").orElseThrow();
        assertThat(stored.responseJson()).isEqualTo(huge);
        assertThat(stored.previousResponseId()).isEqualTo("resp_large");
        assertThat(store.size()).as("the others made room for it").isEqualTo(1);
        store.put("key:a", ResponseStore.Stored.of("resp_after", body("key:a", 2), List.of(), null));
        assertThat(store.get("key:a", "resp_after")).isPresent();
        assertThat(store.heldBytes()).isLessThanOrEqualTo(32 << 10);
    }

    @Test
    void underRandomWritesReadsAndDeletesAReadFindsTheLastResponseWrittenOrNothing() {
        java.util.Random random = new java.util.Random(7);
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        InMemoryResponseStore store = new InMemoryResponseStore(64, 24 << 10, Duration.ofSeconds(100), nanos::get,
                2 << 10); // a tight count, bytes and block size: the log wraps, the index shifts entries back
        java.util.Map<String, ResponseStore.Stored> written = new java.util.HashMap<>();
        java.util.Set<String> deleted = new java.util.HashSet<>();
        int found = 0;
        for (int step = 0; step < 50_000; step++) {
            String owner = "key:" + random.nextInt(3);
            String id = "resp_" + random.nextInt(200);
            String key = owner + "/" + id;
            nanos.addAndGet(random.nextInt(50) * 1_000_000L);
            int op = random.nextInt(10);
            if (op < 5) {
                ResponseStore.Stored stored = new ResponseStore.Stored(id, random.nextBoolean() ? null : "resp_p" + step,
                        ("{\"step\":" + step + ",\"pad\":\"" + "p".repeat(random.nextInt(400)) + "\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ("[" + step + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        random.nextBoolean() ? null : new ResponseStore.UpstreamThread("thread-" + step, "GigaChat-2"));
                store.put(owner, stored);
                written.put(key, stored);
                deleted.remove(key);
            } else if (op < 9) {
                java.util.Optional<ResponseStore.Stored> read = store.get(owner, id);
                if (read.isPresent()) {
                    found++;
                    ResponseStore.Stored last = written.get(key);
                    assertThat(last).as("%s was never written", key).isNotNull();
                    assertThat(deleted).as("%s was deleted", key).doesNotContain(key);
                    assertThat(read.get().id()).isEqualTo(last.id());
                    assertThat(read.get().previousResponseId()).isEqualTo(last.previousResponseId());
                    assertThat(read.get().responseJson()).isEqualTo(last.responseJson());
                    assertThat(read.get().inputJson()).isEqualTo(last.inputJson());
                    assertThat(read.get().thread()).isEqualTo(last.thread());
                }
            } else {
                if (store.delete(owner, id)) {
                    assertThat(written).containsKey(key);
                    assertThat(deleted).doesNotContain(key);
                }
                deleted.add(key);
            }
            if (step % 1_000 == 0) {
                assertThat(store.size()).isLessThanOrEqualTo(64);
                assertThat(store.heldBytes()).isLessThanOrEqualTo(24 << 10);
            }
        }
        assertThat(found).as("reads that found a response").isGreaterThan(1_000);
        // the latest responses written, none read or deleted since, are there: nothing newer made them go
        for (int i = 0; i < 20; i++) {
            store.put("key:z", ResponseStore.Stored.of("resp_last" + i, body("key:z", i), List.of(), null));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(store.get("key:z", "resp_last" + i).orElseThrow().responseJson()).isEqualTo(body("key:z", i));
        }
    }

    @Test
    void aLargeStoreIsSplitIntoSegmentsThatEachKeepTheirShare() {
        InMemoryResponseStore store = new InMemoryResponseStore(20_000, Duration.ofMinutes(1));
        assertThat(store.segmentCount()).isGreaterThan(1);
        for (int i = 0; i < 30_000; i++) {
            store.put("key:a", ResponseStore.Stored.of("resp_" + i, body("key:a", i % 100), List.of(), null));
        }
        // each segment keeps its share of the bound; hashing spreads 30,000 ids unevenly, so a little under in all
        assertThat(store.size()).isBetween(18_000L, 20_000L);
        assertThat(store.get("key:a", "resp_29999").orElseThrow().responseJson()).isEqualTo(body("key:a", 99));
        assertThat(store.get("key:a", "resp_0")).isEmpty();

        // a bound far above what is used costs nothing until it is used: no index or block sized to it up front
        InMemoryResponseStore unbounded = new InMemoryResponseStore(Long.MAX_VALUE, 1L << 40, Duration.ofMinutes(1));
        unbounded.put("key:a", ResponseStore.Stored.of("resp_1", body("key:a", 1), List.of(), null));
        assertThat(unbounded.get("key:a", "resp_1")).isPresent();
    }

    @Test
    void theByteBoundComesFromTheSettingOnSpringAndCamelK() {
        // Spring: GIGAGATE_RESPONSES_STORE_MAX_BYTES binds as a data size
        io.gigagate.config.ResponsesProperties spring = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                        java.util.Map.of("gigagate.responses.store.max-bytes", "8KB")))
                .bindOrCreate("gigagate.responses", io.gigagate.config.ResponsesProperties.class);
        assertThat(spring.store().maxBytes().toBytes()).isEqualTo(8 << 10);
        assertThat(new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
                .bindOrCreate("gigagate.responses", io.gigagate.config.ResponsesProperties.class)
                .store().maxBytes().toBytes()).as("the default").isEqualTo(InMemoryResponseStore.DEFAULT_MAX_BYTES);

        // Camel K: the beans' factory takes the setting's text
        InMemoryResponseStore store = (InMemoryResponseStore) io.gigagate.camel.ResponsesBeans.responseStoreFromText(
                io.gigagate.state.SharedState.memory(), 1000, "8KB", Duration.ofMinutes(1));
        byte[] kilobyte = ("{\"pad\":\"" + "x".repeat(1000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 40; i++) {
            store.put("key:a", ResponseStore.Stored.of("resp_" + i, kilobyte, List.of(), null));
        }
        assertThat(store.heldBytes()).isLessThanOrEqualTo(8 << 10);
        assertThat(store.size()).isBetween(1L, 8L);
        assertThat(store.get("key:a", "resp_39")).isPresent();
        assertThat(store.get("key:a", "resp_0")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.gigagate.camel.ResponsesBeans.responseStoreFromText(
                        io.gigagate.state.SharedState.memory(), 1000, "lots", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lots'");
    }

    /** A stored response of this id with an empty answer object. */
    private static ResponseStore.Stored stored(String id, List<com.fasterxml.jackson.databind.node.ObjectNode> input,
                                               String previousResponseId) {
        return ResponseStore.Stored.of(id, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), input,
                previousResponseId);
    }
}
