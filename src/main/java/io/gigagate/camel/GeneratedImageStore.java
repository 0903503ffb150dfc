package io.gigagate.camel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Generated images kept for a while so that {@code response_format: url} can hand out a URL on the
 * gateway ({@code /v1/images/content/{key}}). Chosen over a URL that proxies GigaChat's
 * {@code /files/{id}/content} on each download: the bytes are fetched once, with the credentials and
 * {@code X-Client-ID} of the request that generated them (pass-token mode has no credentials on a
 * plain browser GET), and GigaChat's file ids never leave the gateway. The key is 128 random bits,
 * so the URL is the capability, as OpenAI's signed URLs are. Bounded by total size; entries expire
 * after the configured time. Per instance: behind a load balancer, use sticky routing or b64_json.
 */
public final class GeneratedImageStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, byte[]> images;

    public GeneratedImageStore(Duration ttl, long maxBytes) {
        this.images = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maxBytes)
                .weigher((String key, byte[] value) -> value.length)
                .build();
    }

    /** Stores the image and returns its new key. */
    public String put(byte[] image) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        images.put(key, image);
        return key;
    }

    /** The image, or null when unknown or expired. */
    public byte[] get(String key) {
        return key == null ? null : images.getIfPresent(key);
    }
}
