package io.gigagate.camel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gigagate.security.ApiKeys;
import io.gigagate.security.KeyBudget;
import io.gigagate.security.LogSecrets;
import io.gigagate.state.RedisBudgetCounters;
import io.gigagate.state.SharedState;
import io.gigagate.usage.AdminApi;
import io.gigagate.usage.BudgetCounters;
import io.gigagate.usage.Budgets;
import io.gigagate.usage.JsonLinesSink;
import io.gigagate.usage.PostgresUsageStore;
import io.gigagate.usage.UsageAggregates;
import io.gigagate.usage.UsageRecorder;
import io.gigagate.usage.UsageSink;
import io.gigagate.usage.UsageStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage accounting's beans (docs/usage.md), for both wirings: io.gigagate.config.UsageConfiguration and
 * AdminConfiguration on Spring Boot, deploy/camel-k/beans.camel.yaml on Camel Main and Camel K. The sinks
 * ({@code gigagate.usage.sinks}: jsonl, postgres), the recorder and its writer thread, the in-memory
 * aggregates, the PostgreSQL store (HikariCP pool, Flyway's migration on first use), the budgets and their
 * counters (PostgreSQL when it is a sink, else the replicas' Redis, else this process), the access policy's
 * {@link KeyBudget}, the notifier making one record per front request, its health check and the admin API.
 */
public final class UsageBeans {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBeans.class);
    /** Where the budgets are among the properties: {@code gigagate.usage.budgets.<key name>.<limit>}. */
    public static final String BUDGETS_PREFIX = "gigagate.usage.budgets.";

    private UsageBeans() {
    }

    /** The PostgreSQL store, when the {@code postgres} sink needs it (else empty, no pool). */
    public record UsagePostgres(Optional<PostgresUsageStore> store, HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    /**
     * @param sinks          the sink names of {@code gigagate.usage.sinks}; the pool is made only with {@code postgres}
     * @param url            {@code jdbc:postgresql://host:5432/db}
     * @param poolSize       connections kept (at least 2)
     * @param connectTimeout a connection's and a validation's longest wait
     */
    public static UsagePostgres usagePostgres(List<String> sinks, String url, String user, String password, int poolSize,
            Duration connectTimeout) {
        if (!sinks.contains("postgres")) {
            return new UsagePostgres(Optional.empty(), null);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("Refusing to start: the postgres usage sink needs gigagate.usage.postgres.url "
                    + "(GIGAGATE_USAGE_POSTGRES_URL, or gpt2giga's GPT2GIGA_TRAFFIC_LOG_POSTGRES_DSN)");
        }
        if (password != null && !password.isBlank()) {
            LogSecrets.register(password);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("gigagate-usage");
        config.setJdbcUrl(url);
        config.setUsername(blankToNull(user));
        config.setPassword(blankToNull(password));
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(connectTimeout.toMillis(), 5000)));
        // the gateway starts while the database is down; the records wait in the queue until it answers
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("ApplicationName", "gigagate-usage");
        // a refused row's values (captured content among them) stay out of error messages, and so out of logs
        config.addDataSourceProperty("logServerErrorDetail", "false");
        // batches go as COPY; the INSERTs written when a batch meets request ids stored already (after a lost
        // commit answer) go as multi-row statements rather than one statement per record
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource dataSource = new HikariDataSource(config);
        LOG.info("Usage records go to PostgreSQL at {}", url);
        return new UsagePostgres(Optional.of(new PostgresUsageStore(dataSource)), dataSource);
    }

    /** {@link #usagePostgres} with the sinks as comma-separated text, for YAML beans. */
    public static UsagePostgres usagePostgresFromText(String sinks, String url, String user, String password, int poolSize,
            Duration connectTimeout) {
        return usagePostgres(sinks(sinks), url, user, password, poolSize, connectTimeout);
    }

    /** {@code jsonl, postgres} → [jsonl, postgres] (as Spring binds the list: other spellings are refused). */
    public static List<String> sinks(String text) {
        return SettingFormats.list(text);
    }

    /** @param memoryDays days the sums keep; @param recentLimit records the list of recent requests keeps */
    public static UsageAggregates usageAggregates(int memoryDays, int recentLimit) {
        return new UsageAggregates(memoryDays, recentLimit);
    }

    /**
     * The recorder with the sinks named (jsonl, postgres; none and noop are no sink) and its writer thread.
     *
     * @param contentRetention how long captured content is kept; ignored unless {@code captureContent}
     */
    public static UsageRecorder usageRecorder(List<String> sinkNames, String jsonlPath, long jsonlMaxBytes, int jsonlMaxFiles,
            UsageAggregates aggregates, UsagePostgres postgres, int queueSize, int batchSize, Duration flushInterval,
            Duration retention, boolean captureContent, Duration contentRetention, Duration purgeInterval) {
        List<UsageSink> sinks = new ArrayList<>();
        for (String name : sinkNames) {
            switch (name) {
                case "jsonl" -> {
                    sinks.add(new JsonLinesSink(Path.of(jsonlPath), jsonlMaxBytes, jsonlMaxFiles));
                    LOG.info("Usage records go to JSON lines in {}", Path.of(jsonlPath).toAbsolutePath());
                }
                case "postgres" -> sinks.add(postgres.store().orElseThrow());
                case "none", "noop" -> { }
                default -> throw new IllegalStateException("Refusing to start: gigagate.usage.sinks takes jsonl and "
                        + "postgres, not '" + name + "'");
            }
        }
        return new UsageRecorder(sinks, aggregates, queueSize, batchSize, flushInterval, retention,
                captureContent ? contentRetention : Duration.ZERO, purgeInterval, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /** {@link #usageRecorder} with the sinks as comma-separated text and the file size as Spring writes it (100MB). */
    public static UsageRecorder usageRecorderFromText(String sinkNames, String jsonlPath, String jsonlMaxSize, int jsonlMaxFiles,
            UsageAggregates aggregates, UsagePostgres postgres, int queueSize, int batchSize, Duration flushInterval,
            Duration retention, boolean captureContent, Duration contentRetention, Duration purgeInterval) {
        return usageRecorder(sinks(sinkNames), jsonlPath, SettingFormats.bytes(jsonlMaxSize), jsonlMaxFiles, aggregates,
                postgres, queueSize, batchSize, flushInterval, retention, captureContent, contentRetention, purgeInterval);
    }

    /** What the admin API reads: PostgreSQL when it is a sink, else this replica's memory. */
    public static UsageStore usageStore(UsagePostgres postgres, UsageAggregates aggregates) {
        return postgres.store().<UsageStore>map(s -> s).orElse(aggregates);
    }

    /**
     * The keys' budgets, counted in PostgreSQL when it is a sink (it keeps the counters through any restart),
     * else in the replicas' Redis, else by this process.
     *
     * @param limits per key name ({@value Budgets#DEFAULT_KEY}: every key without its own)
     */
    public static Budgets budgets(Map<String, Budgets.Limit> limits, UsagePostgres postgres, SharedState sharedState,
            Duration sync) {
        BudgetCounters counters = postgres.store().<BudgetCounters>map(store -> store)
                .or(() -> sharedState.redis().map(RedisBudgetCounters::new)).orElse(null);
        Budgets budgets = new Budgets(limits, counters, sync, Clock.systemUTC());
        if (budgets.enabled()) {
            LOG.info("Budgets for {} API key(s){}", limits.size(), counters == null
                    ? ", counted by this replica (neither PostgreSQL nor a shared Redis)"
                    : ", counted across replicas in " + (counters instanceof RedisBudgetCounters ? "Redis" : "PostgreSQL"));
        }
        return budgets;
    }

    /**
     * {@link #budgets} for Camel Main and Camel K: the limits are read from every property under
     * {@value #BUDGETS_PREFIX} the context's properties component knows (application.properties, the
     * integration's properties), the same names the Spring app binds as a map.
     */
    public static Budgets budgetsFromProperties(ProducerTemplate template, UsagePostgres postgres, SharedState sharedState,
            Duration sync) {
        CamelContext context = template.getCamelContext();
        Properties found = context.getPropertiesComponent().loadProperties(key -> key.startsWith(BUDGETS_PREFIX));
        Map<String, String> properties = new LinkedHashMap<>();
        found.stringPropertyNames().stream().sorted().forEach(key -> properties.put(key.substring(BUDGETS_PREFIX.length()),
                context.resolvePropertyPlaceholders(found.getProperty(key))));
        // environment variables win, as they do over Camel's and Spring's property files
        properties.putAll(budgetProperties(System.getenv()));
        return budgets(budgetLimits(properties), postgres, sharedState, sync);
    }

    /**
     * The budgets among environment variables in Spring's form: {@code GIGAGATE_USAGE_BUDGETS_TEAMA_TOKENSPERDAY=1000}
     * → {@code teama.tokensperday=1000} (the key name lower-cased, an underscore in it read as a dot, as Spring does).
     */
    public static Map<String, String> budgetProperties(Map<String, String> environment) {
        String prefix = "GIGAGATE_USAGE_BUDGETS_";
        Map<String, String> properties = new LinkedHashMap<>();
        environment.keySet().stream().filter(name -> name.startsWith(prefix)).sorted().forEach(name -> {
            String rest = name.substring(prefix.length());
            int last = rest.lastIndexOf('_');
            if (last > 0) {
                properties.put(rest.substring(0, last).toLowerCase(Locale.ROOT).replace('_', '.') + "."
                        + rest.substring(last + 1).toLowerCase(Locale.ROOT), environment.get(name));
            }
        });
        return properties;
    }

    /**
     * {@code team-a.tokens-per-day=200000}, {@code [*].requests-per-minute=60} (the key name, then the limit; a
     * name in brackets as Spring writes names with dots or {@code *}; the limit also in camel case) → the
     * limits per key name.
     */
    public static Map<String, Budgets.Limit> budgetLimits(Map<String, String> properties) {
        Map<String, long[]> values = new LinkedHashMap<>();
        properties.forEach((property, value) -> {
            int dot = property.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException(BUDGETS_PREFIX + property + ": expected " + BUDGETS_PREFIX
                        + "<key name>.tokens-per-day (or tokens-per-month, requests-per-minute)");
            }
            String name = property.substring(0, dot);
            if (name.length() > 2 && name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            int index = switch (property.substring(dot + 1).replace("-", "").toLowerCase(Locale.ROOT)) {
                case "tokensperday" -> 0;
                case "tokenspermonth" -> 1;
                case "requestsperminute" -> 2;
                default -> throw new IllegalArgumentException(BUDGETS_PREFIX + property + ": a budget is tokens-per-day, "
                        + "tokens-per-month or requests-per-minute");
            };
            long number;
            try {
                number = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(BUDGETS_PREFIX + property + " must be a whole number, not '" + value + "'");
            }
            values.computeIfAbsent(name, n -> new long[3])[index] = number;
        });
        Map<String, Budgets.Limit> limits = new LinkedHashMap<>();
        values.forEach((name, v) -> limits.put(name, new Budgets.Limit(v[0], v[1], v[2])));
        return limits;
    }

    /** What the access policy asks: the budgets, or none when no key has one. */
    public static KeyBudget keyBudget(Budgets budgets) {
        return budgets.enabled() ? budgets : KeyBudget.NONE;
    }

    /**
     * The notifier making one record per front request. Both runtimes add the registry's event notifiers to the
     * context themselves (Spring Boot's Camel and Camel Main, when it configures the context after the YAML beans
     * are made), so it is not added here: it would count every request twice.
     */
    public static UsageNotifier usageNotifier(UsageRecorder recorder, Budgets budgets, String replica) {
        return new UsageNotifier(recorder, budgets.enabled() ? budgets : null, replica(replica));
    }

    /** This replica's name in the records: the one configured, else HOSTNAME (the pod), else the host's name. */
    public static String replica(String configured) {
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

    public static UsageHealthCheck usageHealthCheck(UsageRecorder recorder, Budgets budgets) {
        return new UsageHealthCheck(recorder, budgets);
    }

    /** {@link #usageHealthCheck} in the context's health check registry (Camel Main, Camel K: camel.health.*). */
    public static UsageHealthCheck usageHealthCheckOnContext(ProducerTemplate template, UsageRecorder recorder,
            Budgets budgets) {
        return StateBeans.registerHealthCheck(template, usageHealthCheck(recorder, budgets));
    }

    /**
     * The admin API and page ({@code gigagate.admin.*}): refuses to start when it is on without a key, or when
     * its key is also a gateway key.
     */
    public static AdminApi adminApi(boolean enabled, String adminKey, ApiKeys apiKeys, UsageStore store,
            UsageRecorder recorder, Budgets budgets) {
        String key = adminKey == null || adminKey.isBlank() ? null : adminKey.strip();
        if (enabled && key == null) {
            throw new IllegalStateException("Refusing to start: the admin API is on (gigagate.admin.enabled, "
                    + "GPT2GIGA_ADMIN_API_ENABLED) without an admin key (gigagate.admin.api-key, GPT2GIGA_ADMIN_API_KEY)");
        }
        if (key != null && apiKeys.match(key).isPresent()) {
            throw new IllegalStateException("Refusing to start: the admin key is also a gateway API key; give the admin "
                    + "API a key of its own");
        }
        return new AdminApi(enabled, key, store, recorder, budgets);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
