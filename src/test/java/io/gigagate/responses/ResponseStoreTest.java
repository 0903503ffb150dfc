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
        store.put("key:a", ResponseStore.Stored.of(WireJson.mapper().createObjectNode().put("id", "resp_1"), List.of(), null));
        store.put("key:a", ResponseStore.Stored.of(WireJson.mapper().createObjectNode().put("id", "resp_2"), List.of(), null));

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
            store.put("key:a", ResponseStore.Stored.of(WireJson.mapper().createObjectNode().put("id", id), List.of(), null));
        }
        assertThat(store.size()).isLessThanOrEqualTo(2);
        assertThat(store.get("key:b", "resp_3")).isEmpty();
        assertThat(store.delete("key:b", "resp_3")).isFalse();
        assertThat(store.get("key:a", "resp_3")).isPresent();
        assertThat(store.delete("key:a", "resp_3")).isTrue();
        assertThat(store.get("key:a", "resp_3")).isEmpty();
    }

    @Test
    void theBoundDropsTheLeastRecentlyUsed() {
        InMemoryResponseStore store = new InMemoryResponseStore(2, Duration.ofMinutes(1));
        store.put("key:a", ResponseStore.Stored.of(WireJson.mapper().createObjectNode().put("id", "resp_1"), List.of(), null));
        store.put("key:a", ResponseStore.Stored.of(WireJson.mapper().createObjectNode().put("id", "resp_2"), List.of(), null));
        assertThat(store.get("key:a", "resp_1")).isPresent(); // now resp_2 is the least recently used

        store.put("key:b", ResponseStore.Stored.of(WireJson.mapper().createObjectNode().put("id", "resp_3"), List.of(), null));

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
}
