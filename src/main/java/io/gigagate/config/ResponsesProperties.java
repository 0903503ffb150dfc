package io.gigagate.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenAI Responses front (gigagate.responses.*, GIGAGATE_RESPONSES_*).
 *
 * @param store where responses stored with {@code store: true} (the default) live
 */
@ConfigurationProperties("gigagate.responses")
public record ResponsesProperties(@DefaultValue Store store) {

    /**
     * The in-memory store of one replica.
     *
     * @param maxEntries the most responses kept (least recently used go first); GIGAGATE_RESPONSES_STORE_MAX_ENTRIES
     * @param ttl        how long a response is kept after it was last written or read; GIGAGATE_RESPONSES_STORE_TTL
     */
    public record Store(@DefaultValue("10000") long maxEntries, @DefaultValue("6h") Duration ttl) {
    }
}
