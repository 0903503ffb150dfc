package io.gigagate.usage;

import static io.gigagate.usage.UsageTestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.gigagate.error.GatewayException;
import io.gigagate.support.PostgresServer;
import java.sql.Connection;
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
        // each index costs every recorded request an insert: by model and by front the queries scan a time range
        assertThat(indexes).doesNotContain("usage_records_model_time", "usage_records_front_time");
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
