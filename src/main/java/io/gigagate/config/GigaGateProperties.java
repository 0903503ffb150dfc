package io.gigagate.config;

import java.time.Duration;
import java.util.List;
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
 * @param retry retries of failed GigaChat calls
 * @param circuitBreaker the breaker that fails fast while GigaChat is down
 * @param credentialPool several GigaChat authorization keys ({@code key} or {@code key:scope}, comma
 *     separated in GIGAGATE_CREDENTIAL_POOL) to spread calls over instead of GIGACHAT_CREDENTIALS
 * @param credentialRest how long a pooled credential that answered 401/402/429 is left alone
 * @param structuredOutputMode how response_format json_schema reaches GigaChat: {@code function}
 *     (a forced function, the default) or {@code native}; gpt2giga's spelling {@code function_call}
 *     is accepted; when unset, GPT2GIGA_STRUCTURED_OUTPUT_MODE applies
 * @param defaultMaxTokens max_tokens sent to GigaChat for chat requests that give neither max_tokens nor
 *     max_completion_tokens; 0 (default) sends none (gpt2giga's GPT2GIGA_DEFAULT_MAX_TOKENS)
 * @param apiModes per-model exceptions to GIGACHAT_API_MODE, {@code Model=v2,Other=v1} (GIGAGATE_API_MODES)
 * @param reasoning GigaChat's reasoning effort beyond what clients ask for
 * @param builtinToolMapping whether vendors' built-in tools (web search, ...) map to GigaChat's own on its v2
 *     contract; gpt2giga's DISABLE_BUILTIN_TOOL_MAPPING turns it off
 * @param strictTools what the fronts do with vendor built-in tools GigaChat cannot serve: {@code false}
 *     (default) leaves them out and names them in a header, {@code true} refuses the request (GIGAGATE_STRICT_TOOLS)
 * @param state where state several replicas must share lives: {@code memory} (default, one instance) or
 *     {@code redis} (GIGAGATE_STATE)
 * @param redis the Redis of {@code state=redis}
 */
@ConfigurationProperties("gigagate")
public record GigaGateProperties(
        boolean emulator,
        Map<String, String> modelAliases,
        String aliases,
        @DefaultValue("true") boolean defaultAliases,
        @DefaultValue("5m") Duration modelsCacheTtl,
        @DefaultValue Upstream upstream,
        @DefaultValue Stream stream,
        @DefaultValue Retry retry,
        @DefaultValue Breaker circuitBreaker,
        List<String> credentialPool,
        @DefaultValue("60s") Duration credentialRest,
        String structuredOutputMode,
        @DefaultValue("0") int defaultMaxTokens,
        boolean strictTools,
        String apiModes,
        @DefaultValue Reasoning reasoning,
        @DefaultValue("true") boolean builtinToolMapping,
        @DefaultValue("memory") String state,
        @DefaultValue Redis redis) {

    public GigaGateProperties {
        modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
        credentialPool = credentialPool == null ? List.of() : List.copyOf(credentialPool);
    }

    /**
     * @param url     {@code redis://[:password@]host:port[/db]}, {@code rediss://} for TLS, {@code redis-sentinel://}
     *     for Sentinel, or a cluster's seed URLs comma-separated (GIGAGATE_REDIS_URL)
     * @param cluster whether the URLs are a Redis Cluster's (GIGAGATE_REDIS_CLUSTER)
     * @param timeout the longest one Redis command may take before Redis counts as unavailable
     * @param prefix  what every key starts with, so several gateways can share one Redis
     * @param lease   how long a slot taken by a replica that died stays taken (live replicas renew theirs)
     */
    public record Redis(String url, boolean cluster, @DefaultValue("500ms") Duration timeout,
                        @DefaultValue("gigagate:") String prefix, @DefaultValue("30s") Duration lease) {
    }

    /**
     * @param defaultEffort the effort sent when a request asks for none (gpt2giga's ENABLE_REASONING: high);
     *     unset sends none
     * @param disabled never send an effort (gpt2giga's DISABLE_REASONING); wins over defaultEffort
     */
    public record Reasoning(String defaultEffort, boolean disabled) {
    }

    /**
     * @param maxAttempts attempts per request in all (1 = no retries) on 429, 5xx and broken connections
     * @param baseDelay wait before the first retry, doubled each time, with jitter
     * @param maxDelay the longest single wait
     * @param budget the most all waits of one request may add up to; a longer Retry-After is not waited for
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("250ms") Duration baseDelay,
            @DefaultValue("5s") Duration maxDelay,
            @DefaultValue("20s") Duration budget) {
    }

    /**
     * The circuit breaker around GigaChat (5xx answers and broken connections count as failures).
     *
     * @param failureRateThreshold percentage of failed calls that opens it
     * @param minimumCalls calls in the window before the rate counts
     * @param slidingWindow calls the rate is computed over
     * @param waitInOpen how long it stays open before letting probe calls through
     * @param halfOpenCalls probe calls in the half-open state
     */
    public record Breaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("30s") Duration waitInOpen,
            @DefaultValue("3") int halfOpenCalls) {
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
     * @param totalTimeout the longest a stream may last
     */
    public record Stream(
            @DefaultValue("300s") Duration idleTimeout,
            @DefaultValue("25m") Duration totalTimeout) {
    }
}
