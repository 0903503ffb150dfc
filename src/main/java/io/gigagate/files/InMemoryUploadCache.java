package io.gigagate.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The default {@link UploadCache}: one replica's memory, bounded by a number of uploads, each file id reused for
 * a while after its upload ({@code gigagate.files.cache-size}, {@code gigagate.files.cache-ttl}).
 */
public final class InMemoryUploadCache implements UploadCache {

    private final Cache<String, String> ids;

    /**
     * @param maxEntries how many uploads are remembered
     * @param ttl        how long after its upload a file id is reused
     */
    public InMemoryUploadCache(long maxEntries, Duration ttl) {
        this.ids = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    @Override
    public String fileId(String credential, PartBytes part, Supplier<String> upload) {
        String key = UploadCache.key(credential, part);
        String known = ids.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String id = upload.get();
        ids.put(key, id);
        return id;
    }

    /** The id remembered under a key ({@link UploadCache#key}), or null. */
    public String known(String key) {
        return ids.getIfPresent(key);
    }

    /** Remembers an id under a key ({@link UploadCache#key}). */
    public void remember(String key, String fileId) {
        ids.put(key, fileId);
    }

    @Override
    public void forget(String fileId) {
        ids.asMap().values().removeIf(fileId::equals);
    }
}
