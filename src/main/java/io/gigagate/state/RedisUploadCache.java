package io.gigagate.state;

import io.gigagate.files.InMemoryUploadCache;
import io.gigagate.files.PartBytes;
import io.gigagate.files.UploadCache;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The upload cache on the Redis all replicas share, so an image sent through several replicas is uploaded to
 * GigaChat once. Each upload is two keys with the cache's TTL: {@code <prefix>upload:<credential>:<mime>:<sha256>}
 * holding the file id, and {@code <prefix>upload-id:<file id>} naming the first key, so that {@link #forget} (a
 * file deleted through any replica) finds what to drop.
 *
 * <p>While Redis is unavailable the cache is this replica's memory ({@link InMemoryUploadCache}), as it would
 * be without Redis: the worst case is content uploaded once more, which is harmless. The connection's breaker
 * logs the switch once. When Redis answers again, its answer is the only one taken (an id remembered locally
 * during the outage may have been deleted through another replica since).
 */
public final class RedisUploadCache implements UploadCache {

    private final RedisState redis;
    private final Duration ttl;
    private final InMemoryUploadCache local;

    /**
     * @param maxEntries how many uploads the local fallback remembers (gigagate.files.cache-size)
     * @param ttl        how long after its upload a file id is reused (gigagate.files.cache-ttl)
     */
    public RedisUploadCache(RedisState redis, long maxEntries, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
        this.local = new InMemoryUploadCache(maxEntries, ttl);
    }

    @Override
    public String fileId(String credential, PartBytes part, Supplier<String> upload) {
        String content = UploadCache.key(credential, part);
        String key = redis.key(null, "upload", content);
        try {
            String known = redis.call(commands -> commands.get(key));
            if (known != null) {
                return known;
            }
        } catch (StateUnavailableException e) {
            return local.fileId(credential, part, upload);
        }
        String id = upload.get();
        try {
            SetArgs expiry = SetArgs.Builder.px(ttl.toMillis());
            redis.call(commands -> commands.set(key, id, expiry));
            redis.call(commands -> commands.set(redis.key(null, "upload-id", id), key, expiry));
        } catch (StateUnavailableException e) {
            local.remember(content, id);
        }
        return id;
    }

    @Override
    public void forget(String fileId) {
        local.forget(fileId);
        String reverse = redis.key(null, "upload-id", fileId);
        try {
            String key = redis.call(commands -> commands.get(reverse));
            if (key != null) {
                if (fileId.equals(redis.call(commands -> commands.get(key)))) {
                    redis.call(commands -> commands.del(key));
                }
                redis.call(commands -> commands.del(reverse));
            }
        } catch (StateUnavailableException e) {
            // the shared entry expires with its TTL; a chat that offers the deleted id meanwhile gets GigaChat's error
        }
    }
}
