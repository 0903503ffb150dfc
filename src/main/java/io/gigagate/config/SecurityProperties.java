package io.gigagate.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Who may use the gateway and how much (GIGAGATE_SECURITY_*). gpt2giga's own names still work where it
 * has them: GPT2GIGA_API_KEY is one more key, named "default".
 *
 * @param requireApiKey {@code auto} (required when listening on a non-loopback address), {@code true}
 *     or {@code false}; when required and no key is configured the gateway refuses to start
 * @param apiKeys key name → key, or {@code sha256:<hex>} of the key
 * @param maxBodySize request bodies above this are refused with 413 before they are parsed
 * @param maxMessages chat requests with more messages are refused with 400
 * @param rateLimitPerMinute requests per minute per API key (0 = off)
 * @param maxConcurrentPerKey requests in flight per API key (0 = off)
 * @param passTokenCacheSize how many pass-token credentials keep their GigaChat token
 * @param modelMaxConcurrency per GigaChat model: calls in flight at once (0 / absent = unlimited)
 * @param modelMaxConcurrencyDefault the same for models not listed
 * @param modelQueueSize calls that may wait for a busy model; more get 429 at once
 * @param modelQueueTimeout how long a call waits for a busy model before it gets 429
 * @param cors which browser origins may call the gateway
 */
@ConfigurationProperties("gigagate.security")
public record SecurityProperties(
        @DefaultValue("auto") String requireApiKey,
        Map<String, String> apiKeys,
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("2048") int maxMessages,
        @DefaultValue("0") int rateLimitPerMinute,
        @DefaultValue("0") int maxConcurrentPerKey,
        @DefaultValue("32") int passTokenCacheSize,
        Map<String, Integer> modelMaxConcurrency,
        @DefaultValue("0") int modelMaxConcurrencyDefault,
        @DefaultValue("100") int modelQueueSize,
        @DefaultValue("60s") Duration modelQueueTimeout,
        @DefaultValue Cors cors) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
        modelMaxConcurrency = modelMaxConcurrency == null ? Map.of() : Map.copyOf(modelMaxConcurrency);
    }

    /** CORS for browser clients; the default lets any origin call without credentials, as gpt2giga does. */
    public record Cors(
            @DefaultValue("*") List<String> allowedOrigins,
            @DefaultValue({"GET", "POST", "DELETE", "OPTIONS"}) List<String> allowedMethods,
            @DefaultValue("*") List<String> allowedHeaders,
            @DefaultValue("1h") Duration maxAge) {
    }

    @Override
    public String toString() {
        return "SecurityProperties[requireApiKey=" + requireApiKey + ", apiKeys=" + apiKeys.keySet()
                + ", maxBodySize=" + maxBodySize + ", rateLimitPerMinute=" + rateLimitPerMinute + "]";
    }
}
