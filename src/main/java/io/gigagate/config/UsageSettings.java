package io.gigagate.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Usage accounting (GIGAGATE_USAGE_*; gpt2giga's TRAFFIC_LOG_* map onto these), see docs/usage.md. The
 * in-memory aggregates are always on; the sinks are off until named.
 *
 * @param sinks            {@code jsonl}, {@code postgres}, both, or none (the default)
 * @param queueSize        records waiting for the writer; a full queue drops (counted), never waits
 * @param batchSize        records written at once
 * @param flushInterval    how long the writer waits for more records before it writes
 * @param retention        records older than this are purged from PostgreSQL (0: kept)
 * @param purgeInterval    how often the purge runs
 * @param captureContent   whether records carry the redacted request (off by default)
 * @param contentRetention captured content is removed after this
 * @param replica          this replica's name in the records (default: the host name)
 * @param memoryDays       days the in-memory aggregates keep
 * @param recentLimit      records the in-memory list of recent requests keeps
 * @param budgets          per API key name ({@code *}: every key without its own): tokens per day and month,
 *                         requests per minute
 * @param budgetSync       how often budget counters are shared through PostgreSQL
 */
@ConfigurationProperties("gigagate.usage")
public record UsageSettings(
        List<String> sinks,
        @DefaultValue("10000") int queueSize,
        @DefaultValue("500") int batchSize,
        @DefaultValue("2s") Duration flushInterval,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("false") boolean captureContent,
        @DefaultValue("7d") Duration contentRetention,
        String replica,
        @DefaultValue("35") int memoryDays,
        @DefaultValue("1000") int recentLimit,
        @DefaultValue Jsonl jsonl,
        @DefaultValue Postgres postgres,
        Map<String, Budget> budgets,
        @DefaultValue("1s") Duration budgetSync) {

    public UsageSettings {
        sinks = sinks == null ? List.of() : sinks.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        budgets = budgets == null ? Map.of() : budgets;
    }

    /** @param path the file; @param maxSize rotate past this; @param maxFiles rotated files kept */
    public record Jsonl(@DefaultValue("usage/usage.jsonl") String path, @DefaultValue("100MB") DataSize maxSize,
                        @DefaultValue("10") int maxFiles) {
    }

    /**
     * @param url      {@code jdbc:postgresql://host:5432/db} (gpt2giga's TRAFFIC_LOG_POSTGRES_DSN sets it, with user and password)
     * @param poolSize connections kept (the writer, the budget sync and the admin API share them)
     */
    public record Postgres(String url, String user, String password, @DefaultValue("4") int poolSize,
                           @DefaultValue("5s") Duration connectTimeout) {
        @Override
        public String toString() {
            return "Postgres[url=" + url + ", user=" + user + "]";
        }
    }

    /** 0 = no limit of that kind. */
    public record Budget(@DefaultValue("0") long tokensPerDay, @DefaultValue("0") long tokensPerMonth,
                         @DefaultValue("0") long requestsPerMinute) {
    }
}
