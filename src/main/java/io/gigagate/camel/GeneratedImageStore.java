package io.gigagate.camel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gigagate.state.RedisState;
import io.gigagate.state.StateUnavailableException;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Generated images kept for a while so that {@code response_format: url} can hand out a URL on the
 * gateway ({@code /v1/images/content/{key}}). Chosen over a URL that proxies GigaChat's
 * {@code /files/{id}/content} on each download: the bytes are fetched once, with the credentials and
 * {@code X-Client-ID} of the request that generated them (pass-token mode has no credentials on a
 * plain browser GET), and GigaChat's file ids never leave the gateway. The key is 128 random bits,
 * so the URL is the capability, as OpenAI's signed URLs are. Entries expire after the configured time.
 *
 * <p>In this replica's memory, bounded by total size, by default. With shared state on Redis
 * ({@code GIGAGATE_STATE=redis}) the bytes go to Redis ({@code <prefix>image:<key>}, with the same TTL; Redis'
 * memory policy bounds them), so a URL handed out by one replica is served by any other. While Redis is
 * unavailable an image is kept in this replica's memory (its URL works on this replica), and a key Redis
 * does not have is looked for here too.
 */
public final class GeneratedImageStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, byte[]> images;
    private final Duration ttl;
    private final RedisState redis;

    public GeneratedImageStore(Duration ttl, long maxBytes) {
        this(ttl, maxBytes, null);
    }

    /** @param redis the shared Redis, or null for this replica's memory alone */
    public GeneratedImageStore(Duration ttl, long maxBytes, RedisState redis) {
        this.images = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maxBytes)
                .weigher((String key, byte[] value) -> value.length)
                .build();
        this.ttl = ttl;
        this.redis = redis;
    }

    /** Stores the image and returns its new key. */
    public String put(byte[] image) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (redis != null) {
            try {
                redis.callBytes(commands -> commands.set(redis.key(null, "image", key), image,
                        SetArgs.Builder.px(ttl.toMillis())));
                return key;
            } catch (StateUnavailableException e) {
                // kept here: the URL works on this replica
            }
        }
        images.put(key, image);
        return key;
    }

    /** The image, or null when unknown or expired. */
    public byte[] get(String key) {
        if (key == null) {
            return null;
        }
        if (redis != null) {
            try {
                byte[] shared = redis.callBytes(commands -> commands.get(redis.key(null, "image", key)));
                if (shared != null) {
                    return shared;
                }
            } catch (StateUnavailableException e) {
                // look here: images stored while Redis was down are
            }
        }
        return images.getIfPresent(key);
    }
}
