package io.gigagate.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The OpenAI Responses front (gigagate.responses.*, GIGAGATE_RESPONSES_*).
 *
 * @param store           where responses stored with {@code store: true} (the default) live
 * @param upstreamStorage whether stored turns on models served on GigaChat's v2 contract also use GigaChat's own
 *                        storage threads, so a continued conversation sends only its new input
 *                        (GIGAGATE_RESPONSES_UPSTREAM_STORAGE; off by default; nothing on v1)
 */
@ConfigurationProperties("gigagate.responses")
public record ResponsesProperties(@DefaultValue Store store, @DefaultValue("false") boolean upstreamStorage) {

    /**
     * The in-memory store of one replica.
     *
     * @param maxEntries the most responses kept (about the least recently used go first); GIGAGATE_RESPONSES_STORE_MAX_ENTRIES
     * @param maxBytes   the most bytes of responses kept; GIGAGATE_RESPONSES_STORE_MAX_BYTES
     * @param ttl        how long a response is kept after it was last written or read; GIGAGATE_RESPONSES_STORE_TTL
     */
    public record Store(@DefaultValue("10000") long maxEntries, @DefaultValue("64MB") DataSize maxBytes,
                        @DefaultValue("6h") Duration ttl) {
    }
}
