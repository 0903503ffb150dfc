package io.gigagate.state;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the gateway keeps what several replicas must share: this process's memory ({@code GIGAGATE_STATE=memory},
 * the default, for one instance) or a Redis ({@code redis}). Each store and limit asks {@link #redis()} once,
 * when it is built, and picks its in-memory or its Redis implementation.
 */
public final class SharedState implements AutoCloseable {

    private static final SharedState MEMORY = new SharedState(null);

    private final RedisState redis;

    private SharedState(RedisState redis) {
        this.redis = redis;
    }

    /** One instance: everything in memory. */
    public static SharedState memory() {
        return MEMORY;
    }

    /** Several replicas sharing the Redis the settings name. */
    public static SharedState redis(RedisState.Settings settings, MeterRegistry registry) {
        return new SharedState(new RedisState(settings, registry));
    }

    /**
     * @param mode {@code memory} (or empty) or {@code redis}
     * @throws IllegalArgumentException for any other mode, naming the setting
     */
    public static boolean isRedisMode(String mode) {
        String value = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "memory", "local" -> false;
            case "redis", "valkey" -> true;
            default -> throw new IllegalArgumentException("GIGAGATE_STATE must be memory or redis, not '" + mode + "'");
        };
    }

    public Optional<RedisState> redis() {
        return Optional.ofNullable(redis);
    }

    public boolean isShared() {
        return redis != null;
    }

    /** What the health check shows. */
    public Map<String, Object> details() {
        if (redis == null) {
            return Map.of("state", "memory");
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("state", "redis");
        details.putAll(redis.details());
        return details;
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
