package io.gigagate.usage;

import static io.gigagate.usage.UsageTestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.gigagate.error.GatewayException;
import io.gigagate.support.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL sink, queries, purge and shared budgets against a real server of the test's own. */
class UsagePostgresStoreTest {

    private static PostgresServer server;
    private static HikariDataSource dataSource;
    private static PostgresUsageStore store;
    private long fallbacksBefore;

    @BeforeAll
    static void startDatabase() throws Exception {
        server = PostgresServer.start();
        // the gateway's own pool (its driver settings: batches as multi-row INSERTs)
        io.gigagate.camel.UsageBeans.UsagePostgres postgres = io.gigagate.camel.UsageBeans.usagePostgres(
                List.of("postgres"), server.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD, 4,
                Duration.ofSeconds(1));
        dataSource = postgres.dataSource();
        store = postgres.store().orElseThrow();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (dataSource != null) {
            dataSource.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        store.migrate();
        fallbacksBefore = store.insertFallbacks();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM usage_records");
            c.createStatement().executeUpdate("DELETE FROM budget_counters");
        }
    }

    @Test
    void schemaHasTheIndexesOfTheAdminQueries() throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'usage_records'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertThat(indexes).contains("usage_records_request_id", "usage_records_time", "usage_records_key_time",
                "usage_records_errors_time");
        // each index costs every recorded request an insert: by model and by front the queries scan a time range,
        // and the request id is the primary key (no surrogate id with its sequence and index)
        assertThat(indexes).doesNotContain("usage_records_model_time", "usage_records_front_time", "usage_records_pkey");
        assertThat(indexes).hasSize(4);
        assertThat(server.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'usage_records' "
                + "AND column_name = 'id'")).isZero();
    }

    @Test
    void writesQueriesExportsAndPurges() throws Exception {
        Instant day1 = Instant.parse("2026-12-06T10:00:00Z");
        Instant day2 = Instant.parse("2026-12-07T10:00:00Z");
        store.write(List.of(
                record("a1", day1, "team-a", "GigaChat", 200, 10, 5),
                record("a2", day2, "team-a", "GigaChat-2-Max", 200, 20, 7),
                record("b1", day2, "team-b", "GigaChat", 500, 3, 0)));
        // a batch written again (its acknowledgement lost) adds nothing
        store.write(List.of(record("a1", day1, "team-a", "GigaChat", 200, 10, 5)));
        assertThat(store.count()).isEqualTo(3);

        List<UsageRow> byKey = store.summary(EnumSet.of(UsageGrouping.KEY), UsageQuery.all());
        assertThat(byKey).extracting(UsageRow::apiKeyName, UsageRow::requests, UsageRow::inputTokens, UsageRow::outputTokens,
                UsageRow::errors).containsExactly(
                org.assertj.core.groups.Tuple.tuple("team-a", 2L, 30L, 12L, 0L),
                org.assertj.core.groups.Tuple.tuple("team-b", 1L, 3L, 0L, 1L));
        List<UsageRow> byDayModel = store.summary(EnumSet.of(UsageGrouping.DAY, UsageGrouping.MODEL), UsageQuery.all());
        assertThat(byDayModel).extracting(UsageRow::day, UsageRow::model).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-12-06", "GigaChat"),
                org.assertj.core.groups.Tuple.tuple("2026-12-07", "GigaChat-2-Max"),
                org.assertj.core.groups.Tuple.tuple("2026-12-07", "GigaChat"));
        // the same sums as the in-memory aggregates give
        UsageAggregates memory = new UsageAggregates(3650, 100);
        store.export(UsageQuery.all(), memory::add);
        assertThat(memory.summary(EnumSet.of(UsageGrouping.DAY, UsageGrouping.MODEL), UsageQuery.all()))
                .isEqualTo(byDayModel);

        assertThat(store.recent(new UsageQuery(null, null, null, null, null, null, true), 10))
                .extracting(UsageRecord::requestId).containsExactly("b1");
        assertThat(store.recent(new UsageQuery(day2, null, "team-a", null, null, null, false), 10))
                .extracting(UsageRecord::requestId).containsExactly("a2");
        Optional<UsageRecord> one = store.find("a2");
        assertThat(one).get().isEqualTo(record("a2", day2, "team-a", "GigaChat-2-Max", 200, 20, 7));

        assertThat(store.purge(Instant.parse("2026-12-07T00:00:00Z"))).isEqualTo(1);
        assertThat(store.count()).isEqualTo(2);
    }

    /** Every column set, strings COPY's text format would have to escape, non-ASCII, captured content. */
    private static UsageRecord full(String id, Instant time, String text) {
        return new UsageRecord(time, id, "anthropic", "/v1/messages", "POST", "team\tä", "fp:" + text, text + "-asked",
                "GigaChat-2-Max", 503, "upstream_timeout", true, 1L << 40, 7, 3, 0, 98765, 12L, "up\n" + text, "pod-Ω",
                "{\"messages\":[{\"content\":\"" + text + "\"}]}");
    }

    /** Batches this test's store wrote with INSERTs because COPY met a request id stored already. */
    private long fallbacks() {
        return store.insertFallbacks() - fallbacksBefore;
    }

    @Test
    void valuesRoundTripExactlyThroughCopy() throws Exception {
        Instant micros = Instant.parse("2026-12-07T10:15:30.123456Z");
        List<String> texts = List.of("tab\there", "new\nline\r\n", "back\\slash \\N \\\\", "\\N", "quotes ' \" ` ",
                "Привет, 世界 🙂", "", " ", ",;|", "\u007f\u0001");
        List<UsageRecord> batch = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            batch.add(full("full-" + i, micros.plusSeconds(i), texts.get(i)));
        }
        // nulls in every nullable column; a time before 2000 (negative in COPY's binary form)
        batch.add(new UsageRecord(Instant.parse("1999-12-31T23:59:59.999999Z"), "nulls", "openai", "/models", null,
                "anonymous", null, null, null, 401, null, false, 0, 0, 0, 0, 0, null, null, null, null));
        batch.add(record("plain", Instant.parse("2026-12-07T00:00:00Z"), "team-a", "GigaChat", 200, 1, 2));
        store.write(batch);

        assertThat(fallbacks()).isZero();
        assertThat(store.count()).isEqualTo(batch.size());
        for (UsageRecord r : batch) {
            assertThat(store.find(r.requestId())).get().isEqualTo(r);
        }
        // stored in UTC whatever the session's time zone
        assertThat(server.count("SELECT COUNT(*) FROM usage_records WHERE request_id = 'full-0' "
                + "AND time = '2026-12-07 10:15:30.123456+00'")).isEqualTo(1);
        assertThat(server.count("SELECT COUNT(*) FROM usage_records WHERE content IS NULL")).isEqualTo(2);
    }

    @Test
    void aNulCharacterDoesNotJamTheSink() throws Exception {
        UsageRecord nul = full("nul-copy", Instant.parse("2026-12-07T10:00:00Z"), "a\u0000b");
        store.write(List.of(nul));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PostgresUsageStore.insert(c, List.of(full("nul-insert", Instant.parse("2026-12-07T10:00:01Z"), "c\u0000d")));
            c.commit();
        }
        assertThat(store.find("nul-copy").orElseThrow().modelRequested()).isEqualTo("a\uFFFDb-asked");
        assertThat(store.find("nul-copy").orElseThrow().content()).contains("a\uFFFDb");
        assertThat(store.find("nul-insert").orElseThrow().upstreamRequestId()).isEqualTo("up\nc\uFFFDd");
    }

    @Test
    void aRefusedRecordsValuesStayOutOfTheError() throws Exception {
        // front is NOT NULL: the row is refused, by the COPY and by the INSERT alike
        UsageRecord refused = new UsageRecord(Instant.parse("2026-12-07T10:00:00Z"), "refused", null, "/v1/chat/completions",
                "POST", "team-a", null, "GigaChat", "GigaChat", 200, null, false, 1, 1, 0, 0, 5, null, null, "pod-1",
                "captured-content-4711");
        assertThatThrownBy(() -> store.write(List.of(refused))).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(String.valueOf(e)).contains("front").doesNotContain("captured-content-4711"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> PostgresUsageStore.insert(c, List.of(refused))).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(String.valueOf(e)).contains("front").doesNotContain("captured-content-4711"));
            c.rollback();
        }
        assertThat(store.find("refused")).isEmpty();
    }

    @Test
    void copyRoundsTimesToTheMicrosecondAsTheInsertDoes() throws Exception {
        Instant nanos = Instant.parse("2026-12-07T10:15:30.123456500Z");
        Instant below = Instant.parse("2026-12-07T10:15:30.999999499Z");
        store.write(List.of(record("copy-up", nanos, "k", "m", 200, 1, 1), record("copy-down", below, "k", "m", 200, 1, 1)));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PostgresUsageStore.insert(c, List.of(record("insert-up", nanos, "k", "m", 200, 1, 1),
                    record("insert-down", below, "k", "m", 200, 1, 1)));
            c.commit();
        }
        assertThat(store.find("copy-up").orElseThrow().time()).isEqualTo(store.find("insert-up").orElseThrow().time())
                .isEqualTo(Instant.parse("2026-12-07T10:15:30.123457Z"));
        assertThat(store.find("copy-down").orElseThrow().time()).isEqualTo(store.find("insert-down").orElseThrow().time())
                .isEqualTo(Instant.parse("2026-12-07T10:15:30.999999Z"));
    }

    @Test
    void aBatchWrittenTwiceAddsNothing() throws Exception {
        List<UsageRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(full(String.format("twice-%03d", i), Instant.parse("2026-12-07T10:00:00Z").plusMillis(i), "v" + i));
        }
        store.write(batch);
        assertThat(fallbacks()).isZero();
        // the commit's answer was lost: the recorder writes the same batch again
        store.write(batch);
        assertThat(fallbacks()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(500);
        assertThat(store.find("twice-499")).get().isEqualTo(batch.get(499));
        // the pooled connection is usable for COPY again
        store.write(List.of(record("after", Instant.now(), "k", "m", 200, 1, 1)));
        assertThat(fallbacks()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(501);
    }

    @Test
    void aBatchOverlappingStoredRecordsAddsOnlyTheNewOnes() throws Exception {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        List<UsageRecord> first = new ArrayList<>();
        List<UsageRecord> second = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            UsageRecord r = full("overlap-" + i, t.plusSeconds(i), "row " + i);
            if (i < 10) {
                first.add(r);
            }
            if (i >= 5) {
                second.add(i < 10 ? r.withoutContent() : r); // a stored row is kept as it was
            }
        }
        store.write(first);
        store.write(second);
        assertThat(fallbacks()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(15);
        assertThat(store.find("overlap-7")).get().isEqualTo(first.get(7));
        assertThat(store.find("overlap-14")).get().isEqualTo(second.get(9));
    }

    @Test
    void aBatchFailingInTheGatewayMidCopyStoresNothingAndLeavesNoConnectionHeld() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        List<UsageRecord> broken = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // past the first piece sent to the server
            broken.add(full("broken-" + i, t, "x".repeat(500)));
        }
        broken.add(new UsageRecord(null, "no-time", "openai", "/models", "GET", "k", null, null, null, 200, null, false,
                0, 0, 0, 0, 0, null, null, null, null));
        // a COPY left open would make the pool wait for ever when the connection is given back
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 6; i++) { // more times than the pool has connections
                assertThatThrownBy(() -> store.write(broken)).isInstanceOf(NullPointerException.class);
            }
            assertThat(store.count()).isZero();
            store.write(broken.subList(0, 300));
            assertThat(store.count()).isEqualTo(300);
        });
        assertThat(fallbacks()).isZero();
    }

    @Test
    void recentAndExportBreakTiesOnTheRequestId() throws Exception {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        store.write(List.of(record("tie-b", t, "k", "m", 200, 1, 1), record("tie-c", t, "k", "m", 200, 1, 1),
                record("tie-a", t, "k", "m", 200, 1, 1), record("later", t.plusMillis(1), "k", "m", 200, 1, 1)));
        assertThat(store.recent(UsageQuery.all(), 10)).extracting(UsageRecord::requestId)
                .containsExactly("later", "tie-c", "tie-b", "tie-a");
        List<String> exported = new ArrayList<>();
        store.export(UsageQuery.all(), r -> exported.add(r.requestId()));
        assertThat(exported).containsExactly("tie-a", "tie-b", "tie-c", "later");
    }

    @Test
    void anUpgradedDatabaseKeepsItsRecords() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("DROP DATABASE IF EXISTS upgraded");
            c.createStatement().executeUpdate("CREATE DATABASE upgraded");
        }
        org.postgresql.ds.PGSimpleDataSource upgraded = new org.postgresql.ds.PGSimpleDataSource();
        upgraded.setUrl(server.jdbcUrl().replace("/postgres", "/upgraded"));
        upgraded.setUser(PostgresServer.USER);
        upgraded.setPassword(PostgresServer.PASSWORD);
        // the schema as the previous release left it (V1, V2), with rows written by its INSERTs
        org.flywaydb.core.Flyway.configure().dataSource(upgraded).locations("classpath:db/usage")
                .table("gigagate_usage_schema_history").target("2").load().migrate();
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        try (Connection c = upgraded.getConnection()) {
            c.setAutoCommit(false);
            PostgresUsageStore.insert(c, List.of(full("old-1", t, "one"), record("old-2", t.plusSeconds(1), "team-a",
                    "GigaChat", 500, 3, 0)));
            c.commit();
        }
        PostgresUsageStore after = new PostgresUsageStore(upgraded);
        after.migrate();
        assertThat(after.count()).isEqualTo(2);
        assertThat(after.find("old-1")).get().isEqualTo(full("old-1", t, "one"));
        after.write(List.of(record("new-1", t.plusSeconds(2), "team-a", "GigaChat", 200, 1, 1)));
        after.write(List.of(record("old-2", t.plusSeconds(1), "team-a", "GigaChat", 500, 3, 0)));
        assertThat(after.count()).isEqualTo(3);
        assertThat(after.insertFallbacks()).isEqualTo(1);
        assertThat(after.recent(UsageQuery.all(), 10)).extracting(UsageRecord::requestId)
                .containsExactly("new-1", "old-2", "old-1");
        try (Connection c = upgraded.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                        + "WHERE i.indrelid = 'usage_records'::regclass AND i.indisprimary")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("request_id");
        }
        try (Connection c = upgraded.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.sequences WHERE sequence_name = 'usage_records_id_seq'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aStoppedDatabaseLosesNoRecordAndTheSinkRecovers() throws Exception {
        try (UsageRecorder recorder = new UsageRecorder(List.of(store), new UsageAggregates(35, 1000), 10_000, 100,
                Duration.ofMillis(20), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10),
                Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                recorder.record(record("before-" + i, Instant.now(), "team-a", "GigaChat", 200, 1, 1));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.sinks().get(0).written() == 50);

            server.stopServer();
            try {
                for (int i = 0; i < 200; i++) {
                    assertThat(recorder.record(record("during-" + i, Instant.now(), "team-b", "GigaChat", 200, 2, 3)))
                            .isTrue();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> !recorder.sinks().get(0).healthy());
                assertThat(recorder.sinks().get(0).pending()).isEqualTo(200);
                assertThat(recorder.details().toString()).doesNotContain(PostgresServer.PASSWORD);
            } finally {
                server.startServer();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> recorder.sinks().get(0).written() == 250);
            assertThat(recorder.sinks().get(0).healthy()).isTrue();
            assertThat(recorder.dropped()).isZero();
        }
        assertThat(store.count()).isEqualTo(250);
        assertThat(store.summary(EnumSet.of(UsageGrouping.KEY), new UsageQuery(null, null, "team-b", null, null, null, false)))
                .singleElement().satisfies(r -> {
                    assertThat(r.requests()).isEqualTo(200);
                    assertThat(r.outputTokens()).isEqualTo(600);
                });
    }

    @Test
    void budgetsAreSharedByTwoReplicasAndSurviveARestart() throws Exception {
        Map<String, Budgets.Limit> limits = Map.of("team-a", new Budgets.Limit(1000, 0, 0),
                "team-r", new Budgets.Limit(0, 0, 4));
        Budgets one = new Budgets(limits, store, Duration.ofMillis(50), Clock.systemUTC());
        Budgets two = new Budgets(limits, new PostgresUsageStore(dataSource), Duration.ofMillis(50), Clock.systemUTC());
        try {
            one.admit("team-a");
            one.charge("team-a", 600, Instant.now());
            two.admit("team-a");
            two.charge("team-a", 500, Instant.now());
            // each replica has counted less than the budget; the shared total is past it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThatThrownBy(() -> one.admit("team-a")).isInstanceOf(GatewayException.class);
                assertThatThrownBy(() -> two.admit("team-a")).isInstanceOf(GatewayException.class);
            });
            GatewayException refused = catchRefusal(() -> two.admit("team-a"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("budget_exceeded");
            Instant tomorrow = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            assertThat(refused.headers()).containsEntry(Budgets.RESET_HEADER, tomorrow.toString())
                    .containsKey("Retry-After");

            // requests per minute, shared
            int admitted = 0;
            for (int i = 0; i < 3; i++) {
                one.admit("team-r");
                two.admit("team-r");
                admitted += 2;
                one.syncNow();
                two.syncNow();
                if (admitted >= 4) {
                    break;
                }
            }
            one.syncNow();
            two.syncNow();
            assertThat(catchRefusal(() -> one.admit("team-r")).code()).isEqualTo("rate_limit_exceeded");
        } finally {
            one.close();
            two.close();
        }
        // a replica started afterwards reads the day's count back
        Budgets restarted = new Budgets(limits, new PostgresUsageStore(dataSource), Duration.ofMillis(50), Clock.systemUTC());
        try {
            restarted.admit("team-a"); // first sight of the key: read at the next sync
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> restarted.admit("team-a")).isInstanceOf(GatewayException.class));
            assertThat(restarted.status()).filteredOn(s -> s.apiKeyName().equals("team-a")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.tokensToday()).isEqualTo(1100);
                        assertThat(s.exhausted()).isTrue();
                    });
        } finally {
            restarted.close();
        }
    }

    private static GatewayException catchRefusal(Runnable r) {
        try {
            r.run();
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
