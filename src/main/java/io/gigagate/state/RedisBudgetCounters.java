package io.gigagate.state;

import io.gigagate.usage.BudgetCounters;
import io.lettuce.core.KeyValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys' budget counters on the replicas' Redis ({@code GIGAGATE_STATE=redis} without a PostgreSQL usage sink):
 * one hash per key and period ({@code tokens}, {@code requests}), added to with {@code HINCRBY}, which is atomic,
 * so every replica's additions count. A counter lives two of its periods (a minute's two minutes, a day's two
 * days, a month's 62 days) and then expires by itself. {@link io.gigagate.usage.Budgets} calls it from its sync
 * thread, off the request path; while Redis is unavailable the call fails and Budgets keeps counting locally
 * until the next sync.
 */
public final class RedisBudgetCounters implements BudgetCounters {

    private final RedisState redis;

    public RedisBudgetCounters(RedisState redis) {
        this.redis = redis;
    }

    @Override
    public Map<Key, long[]> addAndRead(Map<Key, long[]> deltas, Set<Key> read) {
        Map<Key, long[]> totals = new HashMap<>();
        if (deltas.isEmpty() && read.isEmpty()) {
            // nothing to ask: a call that sends no command would count as Redis answering and close the breaker
            return totals;
        }
        redis.call(commands -> {
            for (Map.Entry<Key, long[]> delta : deltas.entrySet()) {
                String key = key(delta.getKey());
                long tokens = commands.hincrby(key, "tokens", delta.getValue()[0]);
                long requests = commands.hincrby(key, "requests", delta.getValue()[1]);
                commands.pexpire(key, lifetime(delta.getKey().period()).toMillis());
                totals.put(delta.getKey(), new long[] {tokens, requests});
            }
            for (Key counter : read) {
                if (totals.containsKey(counter)) {
                    continue;
                }
                List<KeyValue<String, String>> values = commands.hmget(key(counter), "tokens", "requests");
                if (values.get(0).hasValue() || values.get(1).hasValue()) {
                    totals.put(counter, new long[] {Long.parseLong(values.get(0).getValueOrElse("0")),
                            Long.parseLong(values.get(1).getValueOrElse("0"))});
                }
            }
            return null;
        });
        return totals;
    }

    private String key(Key counter) {
        return redis.key("budget:" + counter.apiKeyName(), counter.period(), String.valueOf(counter.start().getEpochSecond()));
    }

    static Duration lifetime(String period) {
        return switch (period) {
            case "minute" -> Duration.ofMinutes(2);
            case "day" -> Duration.ofDays(2);
            default -> Duration.ofDays(62);
        };
    }
}
