package io.gigagate.camel;

import io.gigagate.security.KeyLimits;
import io.gigagate.security.LogSecrets;
import io.gigagate.security.ModelConcurrency;
import io.gigagate.state.RedisKeyLimits;
import io.gigagate.state.RedisModelConcurrency;
import io.gigagate.state.RedisState;
import io.gigagate.state.SharedState;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared state's beans, for both wirings (io.gigagate.config's Spring configuration and
 * deploy/camel-k/beans.camel.yaml): where state lives ({@code gigagate.state}, {@code gigagate.redis.*}) and its
 * health check.
 */
public final class StateBeans {

    private static final Logger LOG = LoggerFactory.getLogger(StateBeans.class);

    private StateBeans() {
    }

    /**
     * @param mode     {@code memory} (default) or {@code redis} (GIGAGATE_STATE)
     * @param urls     the Redis URL, or a cluster's comma-separated seed URLs (GIGAGATE_REDIS_URL)
     * @param cluster  whether the URLs are a Redis Cluster's (GIGAGATE_REDIS_CLUSTER)
     * @param timeout  the longest one Redis command may take (GIGAGATE_REDIS_TIMEOUT)
     * @param prefix   what every key starts with (GIGAGATE_REDIS_PREFIX)
     * @param lease    how long a dead replica's slots stay taken (GIGAGATE_REDIS_LEASE)
     * @param registry where the Redis metrics go; null = Micrometer's global registry (Camel Main)
     */
    public static SharedState sharedState(String mode, String urls, boolean cluster, Duration timeout, String prefix,
            Duration lease, MeterRegistry registry) {
        if (!SharedState.isRedisMode(mode)) {
            return SharedState.memory();
        }
        List<String> list = urls == null ? List.of()
                : Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList();
        list.forEach(StateBeans::maskPassword);
        SharedState state = SharedState.redis(new RedisState.Settings(list, cluster, timeout,
                prefix == null || prefix.isBlank() ? "gigagate:" : prefix, lease), registry == null ? Metrics.globalRegistry : registry);
        LOG.info("Shared state: Redis{} (responses, limits, upload cache and image links shared by all replicas)",
                cluster ? " Cluster" : "");
        return state;
    }

    /**
     * The URL's password, and the URL itself, masked in every log from now on: Camel Main prints its
     * placeholders' values at start-up, GIGAGATE_REDIS_URL among them.
     */
    private static void maskPassword(String url) {
        LogSecrets.register(url);
        try {
            char[] password = RedisURI.create(url).getPassword();
            if (password != null && password.length > 0) {
                LogSecrets.register(new String(password));
            }
        } catch (IllegalArgumentException unreadable) {
            // RedisState refuses it with its own message
        }
    }

    /** The Camel Main/Camel K form: metrics to the global registry. */
    public static SharedState sharedStateFromText(String mode, String urls, boolean cluster, Duration timeout, String prefix,
            Duration lease) {
        return sharedState(mode, urls, cluster, timeout, prefix, lease, null);
    }

    /** Per-key limits: across all replicas on Redis, else this process's. */
    public static KeyLimits keyLimits(SharedState state, int requestsPerMinute, int maxConcurrent) {
        return state.redis().filter(redis -> requestsPerMinute > 0 || maxConcurrent > 0)
                .<KeyLimits>map(redis -> redis.own(new RedisKeyLimits(redis, requestsPerMinute, maxConcurrent,
                        redis.settings().lease())))
                .orElseGet(() -> KeyLimits.local(requestsPerMinute, maxConcurrent));
    }

    /** Per-model limits: across all replicas on Redis, else this process's. */
    public static ModelConcurrency modelConcurrency(SharedState state, Map<String, Integer> perModel, int defaultLimit,
            int queueSize, Duration queueTimeout) {
        Map<String, Integer> limits = perModel == null ? Map.of() : perModel;
        return state.redis().filter(redis -> defaultLimit > 0 || !limits.isEmpty())
                .<ModelConcurrency>map(redis -> redis.own(new RedisModelConcurrency(redis, limits, defaultLimit, queueSize,
                        queueTimeout, redis.settings().lease())))
                .orElseGet(() -> ModelConcurrency.local(limits, defaultLimit, queueSize, queueTimeout));
    }

    public static SharedStateHealthCheck sharedStateHealthCheck(SharedState state) {
        return new SharedStateHealthCheck(state);
    }

    /** {@link #sharedStateHealthCheck} in the context's health check registry (Camel Main, Camel K: camel.health.*). */
    public static SharedStateHealthCheck sharedStateHealthCheckOnContext(ProducerTemplate template, SharedState state) {
        return registerHealthCheck(template, sharedStateHealthCheck(state));
    }

    /**
     * Adds a check to the context's health check registry once the context has started: Camel's registry takes
     * only the checks registered with it, not the health check beans of the YAML {@code beans:} block.
     */
    static <T extends HealthCheck> T registerHealthCheck(ProducerTemplate template, T check) {
        CamelContext context = template.getCamelContext();
        try {
            context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                HealthCheckRegistry registry = HealthCheckRegistry.get(started);
                if (registry != null && registry.getCheck(check.getId()).isEmpty()) {
                    registry.register(check);
                }
            }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the health check " + check.getId(), e);
        }
        return check;
    }
}
