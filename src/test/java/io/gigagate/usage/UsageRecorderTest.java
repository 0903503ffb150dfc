package io.gigagate.usage;

import static io.gigagate.usage.UsageTestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRecorderTest {

    /** A sink that can be told to fail, or to block until released. */
    static final class TestSink implements UsageSink {
        final List<UsageRecord> written = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();
        volatile CountDownLatch gate;
        final CountDownLatch writing = new CountDownLatch(1);

        @Override
        public String name() {
            return "test";
        }

        @Override
        public void write(List<UsageRecord> batch) throws Exception {
            writing.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                g.await(30, TimeUnit.SECONDS);
            }
            if (failing.get()) {
                throw new java.sql.SQLException("Connection refused");
            }
            written.addAll(batch);
            batchSizes.add(batch.size());
        }
    }

    private static UsageRecorder recorder(TestSink sink, int queueSize) {
        return new UsageRecorder(List.of(sink), new UsageAggregates(35, 100), queueSize, 50, Duration.ofMillis(20),
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), Clock.systemUTC());
    }

    @Test
    void recordsReachTheSinkAndTheAggregatesInOrder() {
        TestSink sink = new TestSink();
        try (UsageRecorder recorder = recorder(sink, 1000)) {
            Instant now = Instant.now();
            for (int i = 0; i < 120; i++) {
                assertThat(recorder.record(record("r" + i, now, i % 2 == 0 ? "team-a" : "team-b", "GigaChat", 200, 10, 5))).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 120);
            assertThat(sink.written.get(0).requestId()).isEqualTo("r0");
            assertThat(sink.written.get(119).requestId()).isEqualTo("r119");
            List<UsageRow> byKey = recorder.aggregates().summary(EnumSet.of(UsageGrouping.KEY), UsageQuery.all());
            assertThat(byKey).extracting(UsageRow::apiKeyName).containsExactlyInAnyOrder("team-a", "team-b");
            assertThat(byKey).allSatisfy(r -> {
                assertThat(r.requests()).isEqualTo(60);
                assertThat(r.inputTokens()).isEqualTo(600);
                assertThat(r.outputTokens()).isEqualTo(300);
            });
            assertThat(recorder.dropped()).isZero();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        TestSink sink = new TestSink();
        sink.gate = new CountDownLatch(1); // the writer hangs in its first write
        try (UsageRecorder recorder = recorder(sink, 10)) {
            recorder.record(record("first", Instant.now(), "k", "m", 200, 1, 1));
            assertThat(sink.writing.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.queued()).isZero();
            int accepted = 0;
            for (int i = 0; i < 25; i++) {
                if (recorder.record(record("r" + i, Instant.now(), "k", "m", 200, 1, 1))) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(10);
            assertThat(recorder.dropped()).isEqualTo(15);
            assertThat(recorder.details()).containsEntry("dropped", 15L);
            sink.gate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 11);
        }
    }

    @Test
    void aFailingSinkKeepsItsRecordsAndWritesThemWhenItRecovers() {
        TestSink sink = new TestSink();
        sink.failing.set(true);
        try (UsageRecorder recorder = recorder(sink, 1000)) {
            for (int i = 0; i < 30; i++) {
                recorder.record(record("r" + i, Instant.now(), "k", "m", 200, 1, 1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.sinks().get(0).healthy());
            UsageRecorder.SinkStatus status = recorder.sinks().get(0);
            assertThat(status.pending()).isEqualTo(30);
            assertThat(status.lastError()).contains("Connection refused");
            // the in-memory aggregates do not wait for the sink
            assertThat(recorder.aggregates().recent(UsageQuery.all(), 100)).hasSize(30);
            sink.failing.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 30);
            assertThat(recorder.sinks().get(0).healthy()).isTrue();
            assertThat(recorder.dropped()).isZero();
            List<String> ids = new ArrayList<>();
            sink.written.forEach(r -> ids.add(r.requestId()));
            assertThat(ids).doesNotHaveDuplicates();
        }
    }

    @Test
    void theWriterWaitsForAFullBatchAtMostTheFlushInterval() throws Exception {
        TestSink sink = new TestSink();
        try (UsageRecorder recorder = new UsageRecorder(List.of(sink), new UsageAggregates(35, 100), 1000, 50,
                Duration.ofSeconds(2), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), Clock.systemUTC())) {
            // records arriving a few at a time (as requests end) still go out as full batches
            for (int i = 0; i < 120; i++) {
                recorder.record(record("r" + i, Instant.now(), "k", "m", 200, 1, 1));
                if (i % 10 == 9) {
                    Thread.sleep(1);
                }
            }
            // the last 20 wait for the flush interval, no longer
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 120);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(sink.batchSizes).containsExactly(50, 50, 20);
        }
    }

    @Test
    void closeDoesNotWaitForAFullBatch() {
        TestSink sink = new TestSink();
        UsageRecorder recorder = new UsageRecorder(List.of(sink), new UsageAggregates(35, 100), 1000, 500,
                Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            recorder.record(record("r" + i, Instant.now(), "k", "m", 200, 1, 1));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.queued() == 0); // taken into the batch being filled
        long start = System.nanoTime();
        recorder.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(sink.written).hasSize(5);
    }

    @Test
    void closeWritesWhatIsQueued() {
        TestSink sink = new TestSink();
        UsageRecorder recorder = recorder(sink, 1000);
        for (int i = 0; i < 200; i++) {
            recorder.record(record("r" + i, Instant.now(), "k", "m", 200, 1, 1));
        }
        recorder.close();
        assertThat(sink.written).hasSize(200);
        assertThat(recorder.record(record("late", Instant.now(), "k", "m", 200, 1, 1))).isFalse();
    }

    @Test
    void jsonLinesRotateBySize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/usage.jsonl");
        JsonLinesSink sink = new JsonLinesSink(file, 2_000, 2);
        for (int i = 0; i < 30; i++) {
            sink.write(List.of(record("r" + i, Instant.parse("2026-12-07T10:00:00Z"), "team-a", "GigaChat", 200, 3, 4)));
        }
        sink.close();
        assertThat(file).exists();
        assertThat(sink.rotated(1)).exists();
        assertThat(sink.rotated(2)).exists();
        assertThat(sink.rotated(3)).doesNotExist();
        assertThat(Files.size(file)).isLessThanOrEqualTo(2_000);
        String last = Files.readAllLines(file).get(Files.readAllLines(file).size() - 1);
        assertThat(last).contains("\"request_id\":\"r29\"", "\"api_key_name\":\"team-a\"", "\"input_tokens\":3",
                "\"time\":\"2026-12-07T10:00:00Z\"");
    }

    @Test
    void gpt2gigaPostgresAddressIsTakenApart() {
        PostgresDsn dsn = PostgresDsn.parse("postgresql+asyncpg://traffic:s%40cret@db.internal:5433/gpt2giga?sslmode=require");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/gpt2giga?sslmode=require");
        assertThat(dsn.user()).isEqualTo("traffic");
        assertThat(dsn.password()).isEqualTo("s@cret");
        assertThat(dsn.toString()).doesNotContain("s@cret");
    }
}
