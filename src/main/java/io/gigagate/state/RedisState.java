package io.gigagate.state;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis (or Valkey) that several replicas share ({@code GIGAGATE_STATE=redis}): one multiplexed Lettuce
 * connection for text values and one for bytes, both thread-safe, both reconnecting by themselves. Every call
 * goes through {@link #call}: while Redis cannot be reached, calls fail at once with {@link StateUnavailableException}
 * instead of waiting (a circuit breaker opens after a few failures and lets a probe through every couple of
 * seconds; commands are rejected, not queued, while the connection is down), so each user of shared state
 * decides what "unavailable" means for it: limits fall back to this replica's own counting, stored responses
 * answer 503.
 *
 * <p>The first connection is made on first use, not at construction, so that a gateway started before its Redis
 * comes up serves anyway and connects when it can. Keys all start with a prefix ({@code gigagate:} by default) so
 * several gateways, or other applications, can share one Redis. With {@code cluster}, keys a script touches
 * together share a hash tag ({@link #key}'s {@code {…}} part).
 */
public final class RedisState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisState.class);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(2);

    /**
     * How to reach Redis.
     *
     * @param urls     one {@code redis://} / {@code rediss://} (TLS) / {@code redis-sentinel://} URL with the
     *                 password in it if any, or several (comma-separated in configuration) for a cluster's seeds
     * @param cluster  whether {@code urls} are a Redis Cluster's nodes
     * @param timeout  how long one command may take before Redis counts as unavailable
     * @param prefix   what every key starts with
     * @param lease    how long a slot (a request in flight) taken by a replica that then died stays taken; live
     *                 replicas renew theirs every third of it
     */
    public record Settings(List<String> urls, boolean cluster, Duration timeout, String prefix, Duration lease) {

        public Settings {
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("GIGAGATE_STATE=redis needs GIGAGATE_REDIS_URL (e.g. redis://host:6379)");
            }
            if (!cluster && urls.size() > 1) {
                throw new IllegalArgumentException("Several Redis URLs are only meaningful with GIGAGATE_REDIS_CLUSTER=true");
            }
            prefix = prefix == null ? "gigagate:" : prefix;
            lease = lease == null ? Duration.ofSeconds(30) : lease;
        }

        public Settings(List<String> urls, boolean cluster, Duration timeout, String prefix) {
            this(urls, cluster, timeout, prefix, null);
        }
    }

    private final Settings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final CircuitBreaker breaker;
    private final Counter failures;
    private final Map<String, String> scriptShas = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Connections connections;
    private volatile Instant nextConnectAttempt = Instant.MIN;
    private volatile String lastError;
    private volatile boolean closed;
    private final List<AutoCloseable> owned = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Connections(StatefulConnection<String, String> text, RedisClusterCommands<String, String> textCommands,
                               RedisClusterAsyncCommands<String, String> textAsync,
                               StatefulConnection<String, byte[]> bytes, RedisClusterCommands<String, byte[]> byteCommands) {
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> fallbacks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Instant> fallbackWarned = new java.util.concurrent.ConcurrentHashMap<>();

    public RedisState(Settings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.timeout().multipliedBy(4)).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.timeout());
        if (settings.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, settings.urls().stream().map(RedisURI::create).toList());
            cluster.setOptions(ClusterClientOptions.builder().autoReconnect(true).socketOptions(socket).timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            this.client = cluster;
        } else {
            RedisURI uri = RedisURI.create(settings.urls().get(0));
            // the connection's handshake (HELLO, AUTH, SELECT) may take longer than a command in a cold JVM;
            // commands keep settings.timeout() through the TimeoutOptions below
            uri.setTimeout(settings.timeout().multipliedBy(4).compareTo(Duration.ofSeconds(2)) > 0
                    ? settings.timeout().multipliedBy(4) : Duration.ofSeconds(2));
            RedisClient single = RedisClient.create(resources, uri);
            single.setOptions(ClientOptions.builder().autoReconnect(true).socketOptions(socket).timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            this.client = single;
        }
        this.breaker = CircuitBreaker.of("gigagate-redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(RECONNECT_BACKOFF)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(RedisException.class, StateUnavailableException.class)
                .build());
        this.breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> LOG.warn("Shared state: Redis unavailable ({}); limits count on this replica alone and stored "
                        + "responses answer 503 until it is back", lastError);
                case CLOSED -> LOG.info("Shared state: Redis is back");
                default -> { }
            }
        });
        this.failures = Counter.builder("gigagate.state.redis.failures")
                .description("Calls to the shared-state Redis that failed or were not tried because it was unavailable")
                .register(registry);
        Gauge.builder("gigagate.state.redis.available", this, s -> s.available() ? 1 : 0)
                .description("1 while the shared-state Redis answers, 0 while the gateway falls back to local state")
                .register(registry);
    }

    public Settings settings() {
        return settings;
    }

    /** Closes {@code resource} with this connection (limits' lease keepers). */
    public <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /**
     * A key: the prefix, then the parts joined by {@code :}. With {@code tag}, the tag in braces comes first
     * so that all keys of one tag live in one cluster slot (scripts may touch them together).
     */
    public String key(String tag, String... parts) {
        StringBuilder key = new StringBuilder(settings.prefix());
        if (tag != null) {
            key.append('{').append(tag).append('}');
        }
        for (String part : parts) {
            key.append(':').append(part);
        }
        return key.toString();
    }

    /** Runs one operation on the text connection. @throws StateUnavailableException when Redis cannot answer */
    public <T> T call(Function<RedisClusterCommands<String, String>, T> operation) {
        return guarded(() -> operation.apply(connections().textCommands()));
    }

    /** Runs one operation on the bytes connection (values are byte arrays, keys strings). */
    public <T> T callBytes(Function<RedisClusterCommands<String, byte[]>, T> operation) {
        return guarded(() -> operation.apply(connections().byteCommands()));
    }

    /**
     * Runs a Lua script by its SHA, loading it first when Redis does not know it (a restarted server forgets
     * its scripts). Values are strings; the result as Redis gives it ({@code MULTI} → a list).
     */
    public <T> T eval(String script, ScriptOutputType type, String[] keys, String... args) {
        return guarded(() -> {
            RedisClusterCommands<String, String> commands = connections().textCommands();
            String sha = scriptShas.computeIfAbsent(script, s -> commands.scriptLoad(s));
            try {
                return commands.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                scriptShas.put(script, commands.scriptLoad(script));
                return commands.evalsha(scriptShas.get(script), type, keys, args);
            }
        });
    }

    /**
     * Runs one operation without waiting for its answer (e.g. giving back a lease): a failure is counted, never
     * thrown; while Redis is unavailable the operation is dropped (what it would undo expires by itself).
     */
    public void callAsync(Function<RedisClusterAsyncCommands<String, String>, ? extends CompletionStage<?>> operation) {
        if (closed || !available() || connections == null) {
            return;
        }
        try {
            operation.apply(connections.textAsync()).whenComplete((ok, error) -> {
                if (error != null) {
                    failures.increment();
                    lastError = describe(error);
                }
            });
        } catch (RedisException e) {
            failures.increment();
            lastError = describe(e);
        }
    }

    /**
     * Notes that {@code what} (e.g. {@code key-limits}) was served from this replica's own state because Redis was
     * unavailable: a metric ({@code gigagate_state_fallbacks_total{what}}), a health detail, and a WARN at most
     * every half minute per kind.
     */
    public void fellBack(String what) {
        fallbacks.computeIfAbsent(what, w -> Counter.builder("gigagate.state.fallbacks").tag("what", w)
                .description("Decisions made on this replica alone because the shared-state Redis was unavailable")
                .register(registry)).increment();
        Instant now = Instant.now();
        Instant last = fallbackWarned.get(what);
        if (last == null || now.isAfter(last.plusSeconds(30))) {
            fallbackWarned.put(what, now);
            LOG.warn("Shared state: Redis unavailable ({}); {} counted on this replica alone", lastError, what);
        }
    }

    /** Whether Redis answered lately (the breaker is not open). */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** What the health check shows. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("redis.available", available());
        details.put("redis.failures", (long) failures.count());
        if (lastError != null) {
            details.put("redis.lastError", lastError);
        }
        fallbacks.forEach((what, counter) -> details.put("fallbacks." + what, (long) counter.count()));
        return details;
    }

    private <T> T guarded(java.util.function.Supplier<T> operation) {
        if (closed) {
            throw new StateUnavailableException("the gateway is stopping");
        }
        try {
            return breaker.executeSupplier(operation);
        } catch (CallNotPermittedException e) {
            failures.increment();
            throw new StateUnavailableException("Redis unavailable (" + lastError + ")", e);
        } catch (RedisException | StateUnavailableException e) {
            failures.increment();
            lastError = describe(e);
            throw e instanceof StateUnavailableException s ? s : new StateUnavailableException("Redis: " + lastError, e);
        }
    }

    private Connections connections() {
        Connections current = connections;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connections != null) {
                return connections;
            }
            if (Instant.now().isBefore(nextConnectAttempt)) {
                throw new StateUnavailableException("Redis unreachable (" + lastError + "); retrying shortly");
            }
            try {
                connections = open();
                LOG.info("Shared state: connected to Redis ({})", describeTarget());
                return connections;
            } catch (RedisException e) {
                nextConnectAttempt = Instant.now().plus(RECONNECT_BACKOFF);
                lastError = describe(e);
                throw new StateUnavailableException("Redis unreachable: " + lastError, e);
            }
        }
    }

    private Connections open() {
        if (client instanceof RedisClusterClient cluster) {
            var text = cluster.connect(StringCodec.UTF8);
            var bytes = cluster.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            return new Connections(text, text.sync(), text.async(), bytes, bytes.sync());
        }
        RedisClient single = (RedisClient) client;
        var text = single.connect(StringCodec.UTF8);
        try {
            var bytes = single.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            return new Connections(text, text.sync(), text.async(), bytes, bytes.sync());
        } catch (RedisException e) {
            text.close();
            throw e;
        }
    }

    /** Where Redis is, without the password. */
    private String describeTarget() {
        List<String> targets = new ArrayList<>();
        for (String url : settings.urls()) {
            RedisURI uri = RedisURI.create(url);
            targets.add(uri.getSentinels().isEmpty() ? uri.getHost() + ":" + uri.getPort()
                    : "sentinel " + uri.getSentinelMasterId());
        }
        return String.join(", ", targets);
    }

    /** An exception's message, never a URL (which may carry the password). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName();
        String text = root.getMessage();
        if (text != null && !text.contains("://") && !text.contains("@")) {
            message += ": " + text;
        }
        return message;
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("Shared state: closing {} failed", resource, e);
            }
        }
        Connections current = connections;
        if (current != null) {
            current.text().close();
            current.bytes().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
