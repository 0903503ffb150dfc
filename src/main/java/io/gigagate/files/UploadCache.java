package io.gigagate.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * GigaChat file ids of content already uploaded, keyed by the credential that owns them and the
 * content's SHA-256, so chat history re-sent on every turn is uploaded once. A file uploaded with one
 * credential is never offered to another (pass-token mode: each client's files are its own).
 */
public final class UploadCache {

    private final Cache<String, String> ids;

    /**
     * @param maxEntries how many uploads are remembered
     * @param ttl        how long after its upload a file id is reused
     */
    public UploadCache(long maxEntries, Duration ttl) {
        this.ids = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    /**
     * The file id of this content for this credential, uploading it when it is not known yet. Two
     * requests with the same new content at once both upload: a lock around I/O would be worse.
     *
     * @param credential an id of the GigaChat credential (never the credential itself)
     */
    public String fileId(String credential, PartBytes part, Supplier<String> upload) {
        String key = credential + ":" + part.mimeType() + ":" + sha256(part.data());
        String known = ids.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String id = upload.get();
        ids.put(key, id);
        return id;
    }

    /** Forgets a file id (GigaChat no longer knows it, e.g. after a delete). */
    public void forget(String fileId) {
        ids.asMap().values().removeIf(fileId::equals);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
