package io.gigagate.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * GigaChat file ids of content already uploaded, keyed by the credential that owns them, the content's type and
 * its SHA-256, so chat history re-sent on every turn is uploaded once. A file uploaded with one credential is
 * never offered to another (pass-token mode: each client's files are its own). In this replica's memory by
 * default ({@link InMemoryUploadCache}); shared by all replicas on Redis ({@code io.gigagate.state.RedisUploadCache}),
 * so content sent through several replicas is uploaded once. A cache may forget: uploading again is harmless.
 */
public interface UploadCache {

    /**
     * The file id of this content for this credential, uploading it when it is not known yet. Two requests with
     * the same new content at once both upload: a lock around I/O would be worse.
     *
     * @param credential an id of the GigaChat credential (never the credential itself)
     */
    String fileId(String credential, PartBytes part, Supplier<String> upload);

    /** Forgets a file id (GigaChat no longer knows it, e.g. after a delete). */
    void forget(String fileId);

    /** What one content is known by: {@code credential:mime:sha256-hex}. */
    static String key(String credential, PartBytes part) {
        return credential + ":" + part.mimeType() + ":" + sha256(part.data());
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
