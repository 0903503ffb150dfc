package io.gigagate.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GigaGate's own settings (GIGAGATE_* in the environment), beyond what gpt2giga has.
 *
 * @param emulator demo mode: start the built-in GigaChat emulator and point the gateway at it
 * @param modelAliases extra or overriding aliases, client model name to GigaChat model
 * @param aliases the same as one string, {@code alias=target,alias2=target2} (GIGAGATE_ALIASES), the
 *     handy form for environment variables, whose names cannot carry model names like gpt-4o
 * @param defaultAliases whether the built-in table for OpenAI model names applies
 * @param modelsCacheTtl how long GigaChat's model list is cached
 * @param upstream connection pool and timeouts towards GigaChat
 * @param stream limits of streamed answers
 */
@ConfigurationProperties("gigagate")
public record GigaGateProperties(
        boolean emulator,
        Map<String, String> modelAliases,
        String aliases,
        @DefaultValue("true") boolean defaultAliases,
        @DefaultValue("5m") Duration modelsCacheTtl,
        @DefaultValue Upstream upstream,
        @DefaultValue Stream stream) {

    public GigaGateProperties {
        modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
    }

    /**
     * @param maxConnections pooled connections to GigaChat (all calls go to one host, so this is
     *     also the per-route limit); size it to peak concurrent calls plus open streams
     * @param connectTimeout TCP/TLS connect timeout
     * @param readTimeout socket read timeout when neither GIGACHAT_TIMEOUT nor GPT2GIGA_TIMEOUT is set
     * <p>How long a call waits for a free pooled connection is
     * {@code gigagate.upstream.connection-request-timeout-millis} (default 30000), read by camel-http in
     * application.yaml.
     */
    public record Upstream(
            @DefaultValue("512") int maxConnections,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("600s") Duration readTimeout) {
    }

    /**
     * @param idleTimeout the longest silence allowed between two upstream events (also before the first)
     * @param totalTimeout the longest a stream may last; keep it below gigagate.request-timeout-millis
     */
    public record Stream(
            @DefaultValue("300s") Duration idleTimeout,
            @DefaultValue("25m") Duration totalTimeout) {
    }
}
