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
 * @param defaultAliases whether the built-in table for OpenAI model names applies
 * @param modelsCacheTtl how long GigaChat's model list is cached
 * @param upstream connection pool and timeouts towards GigaChat
 * @param stream limits of streamed answers
 * @param structuredOutputMode how response_format json_schema reaches GigaChat: {@code function}
 *     (a forced function, the default) or {@code native}; gpt2giga's spelling {@code function_call}
 *     is accepted; when unset, GPT2GIGA_STRUCTURED_OUTPUT_MODE applies
 */
@ConfigurationProperties("gigagate")
public record GigaGateProperties(
        boolean emulator,
        Map<String, String> modelAliases,
        @DefaultValue("true") boolean defaultAliases,
        @DefaultValue("5m") Duration modelsCacheTtl,
        @DefaultValue Upstream upstream,
        @DefaultValue Stream stream,
        String structuredOutputMode) {

    public GigaGateProperties {
        modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
    }

    /**
     * @param maxConnections pooled connections to GigaChat (all calls go to one host, so this is
     *     also the per-route limit); size it to peak concurrent calls plus open streams
     * @param connectTimeout TCP/TLS connect timeout
     * @param readTimeout socket read timeout when neither GIGACHAT_TIMEOUT nor GPT2GIGA_TIMEOUT is set
     * @param connectionRequestTimeout how long a call waits for a free pooled connection
     */
    public record Upstream(
            @DefaultValue("512") int maxConnections,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("600s") Duration readTimeout,
            @DefaultValue("30s") Duration connectionRequestTimeout) {
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
