package io.gigagate.gigachat;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.gigagate.openai.Model;
import io.gigagate.openai.ModelList;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GigaChat's model list in OpenAI's shape, with the configured aliases, cached for a TTL. Many
 * clients ask for /v1/models on every start; the cache keeps that off GigaChat, and concurrent
 * misses share one upstream call.
 */
public final class ModelCatalog {

    /**
     * GigaChat gives no creation time; OpenAI clients want one that does not change between calls,
     * so every model reports this fixed instant (2025-01-01T00:00:00Z).
     */
    public static final long CREATED = 1_735_689_600L;

    private final ModelsMapper mapper = new ModelsMapper();
    private final LoadingCache<String, ModelList> cache;

    public ModelCatalog(Supplier<GigaChatModelList> upstream, Map<String, String> aliases, Duration ttl) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(1)
                .expireAfterWrite(ttl)
                .build(key -> mapper.toOpenAi(upstream.get(), aliases, CREATED));
    }

    public ModelList list() {
        return cache.get("all");
    }

    public Model get(String id) {
        return mapper.find(list(), id);
    }
}
