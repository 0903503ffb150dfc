package io.gigagate.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gigagate.camel.UsageNotifier;
import io.gigagate.security.KeyBudget;
import io.gigagate.security.LogSecrets;
import io.gigagate.usage.BudgetCounters;
import io.gigagate.usage.Budgets;
import io.gigagate.state.RedisBudgetCounters;
import io.gigagate.state.SharedState;
import io.gigagate.usage.JsonLinesSink;
import io.gigagate.usage.PostgresUsageStore;
import io.gigagate.usage.UsageAggregates;
import io.gigagate.usage.UsageRecorder;
import io.gigagate.usage.UsageSink;
import io.gigagate.usage.UsageStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Spring wiring of the usage accounting (docs/usage.md): the in-memory aggregates (always), the sinks named in
 * {@code gigagate.usage.sinks}, the recorder and its writer thread, the Camel event notifier that makes a
 * record of every front's request, the budgets the access policy asks, metrics and the {@code usage} health
 * detail. Spring-only, like the metrics: Camel Main and Camel K run without usage records (docs/camel-k.md).
 */
@Configuration(proxyBeanMethods = false)
public class UsageConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(UsageConfiguration.class);

    /** The PostgreSQL store, when the {@code postgres} sink or shared budgets need it. */
    public record Postgres(Optional<PostgresUsageStore> store, HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Postgres usagePostgres(UsageSettings usage) {
        UsageSettings.Postgres pg = usage.postgres();
        boolean wanted = usage.sinks().contains("postgres");
        if (!wanted) {
            return new Postgres(Optional.empty(), null);
        }
        if (pg.url() == null || pg.url().isBlank()) {
            throw new IllegalStateException("Refusing to start: the postgres usage sink needs gigagate.usage.postgres.url "
                    + "(GIGAGATE_USAGE_POSTGRES_URL, or gpt2giga's GPT2GIGA_TRAFFIC_LOG_POSTGRES_DSN)");
        }
        if (pg.password() != null && !pg.password().isBlank()) {
            LogSecrets.register(pg.password());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("gigagate-usage");
        config.setJdbcUrl(pg.url());
        config.setUsername(pg.user());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(Math.max(2, pg.poolSize()));
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, pg.connectTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(pg.connectTimeout().toMillis(), 5000)));
        // the gateway starts while the database is down; the records wait in the queue until it answers
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, pg.connectTimeout().toSeconds())));
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("ApplicationName", "gigagate-usage");
        HikariDataSource dataSource = new HikariDataSource(config);
        LOG.info("Usage records go to PostgreSQL at {}", pg.url());
        return new Postgres(Optional.of(new PostgresUsageStore(dataSource)), dataSource);
    }

    @Bean
    UsageAggregates usageAggregates(UsageSettings usage) {
        return new UsageAggregates(usage.memoryDays(), usage.recentLimit());
    }

    @Bean(destroyMethod = "close")
    UsageRecorder usageRecorder(UsageSettings usage, UsageAggregates aggregates, Postgres postgres) {
        List<UsageSink> sinks = new ArrayList<>();
        for (String name : usage.sinks()) {
            switch (name) {
                case "jsonl" -> {
                    UsageSettings.Jsonl jsonl = usage.jsonl();
                    sinks.add(new JsonLinesSink(Path.of(jsonl.path()), jsonl.maxSize().toBytes(), jsonl.maxFiles()));
                    LOG.info("Usage records go to JSON lines in {}", Path.of(jsonl.path()).toAbsolutePath());
                }
                case "postgres" -> sinks.add(postgres.store().orElseThrow());
                case "none", "noop" -> { }
                default -> throw new IllegalStateException("Refusing to start: gigagate.usage.sinks takes jsonl and "
                        + "postgres, not '" + name + "'");
            }
        }
        return new UsageRecorder(sinks, aggregates, usage.queueSize(), usage.batchSize(), usage.flushInterval(),
                usage.retention(), usage.captureContent() ? usage.contentRetention() : Duration.ZERO,
                usage.purgeInterval(), Duration.ofSeconds(10), Clock.systemUTC());
    }

    /** What the admin API reads: PostgreSQL when it is a sink, else this replica's memory. */
    @Bean
    @Primary
    UsageStore usageStore(Postgres postgres, UsageAggregates aggregates) {
        return postgres.store().<UsageStore>map(s -> s).orElse(aggregates);
    }

    @Bean(destroyMethod = "close")
    Budgets budgets(UsageSettings usage, Postgres postgres, SharedState sharedState) {
        Map<String, Budgets.Limit> limits = new LinkedHashMap<>();
        usage.budgets().forEach((key, b) -> limits.put(key, new Budgets.Limit(b.tokensPerDay(), b.tokensPerMonth(),
                b.requestsPerMinute())));
        // PostgreSQL when it is a sink (it keeps the counters through any restart), else the replicas' Redis
        BudgetCounters counters = postgres.store().<BudgetCounters>map(store -> store)
                .or(() -> sharedState.redis().map(RedisBudgetCounters::new)).orElse(null);
        Budgets budgets = new Budgets(limits, counters, usage.budgetSync(), Clock.systemUTC());
        if (budgets.enabled()) {
            LOG.info("Budgets for {} API key(s){}", limits.size(), counters == null
                    ? ", counted by this replica (neither PostgreSQL nor a shared Redis)"
                    : ", counted across replicas in " + (counters instanceof RedisBudgetCounters ? "Redis" : "PostgreSQL"));
        }
        return budgets;
    }

    /** The access policy asks it (SecurityConfiguration); none when no key has a budget. */
    @Bean
    KeyBudget keyBudget(Budgets budgets) {
        return budgets.enabled() ? budgets : KeyBudget.NONE;
    }

    @Bean
    UsageNotifier usageNotifier(UsageRecorder recorder, Budgets budgets, UsageSettings usage) {
        return new UsageNotifier(recorder, budgets.enabled() ? budgets : null, replica(usage.replica()));
    }

    static String replica(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "gigagate";
        }
    }

    /** The recorder's meters: gigagate.usage.queue, .records, .dropped, and per sink .sink.written, .failures, .pending. */
    @Bean
    MeterBinder usageMeters(UsageRecorder recorder) {
        return registry -> {
            Gauge.builder("gigagate.usage.queue", recorder, UsageRecorder::queued)
                    .description("Usage records waiting for the writer thread").register(registry);
            FunctionCounter.builder("gigagate.usage.records", recorder, UsageRecorder::accepted)
                    .description("Usage records taken off the request path").register(registry);
            FunctionCounter.builder("gigagate.usage.dropped", recorder, UsageRecorder::dropped)
                    .description("Usage records lost: the queue was full, or a failing sink's backlog outgrew it")
                    .register(registry);
            for (String sink : recorder.sinkNames()) {
                FunctionCounter.builder("gigagate.usage.sink.written", recorder, r -> status(r, sink).written())
                        .description("Usage records a sink wrote").tag("sink", sink).register(registry);
                FunctionCounter.builder("gigagate.usage.sink.failures", recorder, r -> status(r, sink).failures())
                        .description("Failed batch writes of a sink (each is tried again)").tag("sink", sink)
                        .register(registry);
                Gauge.builder("gigagate.usage.sink.pending", recorder, r -> status(r, sink).pending())
                        .description("Usage records a sink still has to write").tag("sink", sink).register(registry);
            }
        };
    }

    private static UsageRecorder.SinkStatus status(UsageRecorder recorder, String sink) {
        return recorder.sinks().stream().filter(s -> s.name().equals(sink)).findFirst().orElseThrow();
    }

    /**
     * {@code usage} in /actuator/health: UP with the queue, the drops and each sink; a failing sink shows its
     * error but keeps the status UP (usage records never take the gateway out of service).
     */
    @Bean
    HealthIndicator usageHealthIndicator(UsageRecorder recorder, Budgets budgets) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>(recorder.details());
            if (budgets.enabled()) {
                details.put("budgets", budgets.shared() ? (budgets.lastSyncError() == null ? "shared" : "local: "
                        + budgets.lastSyncError()) : "local");
            }
            return Health.up().withDetails(details).build();
        };
    }
}
