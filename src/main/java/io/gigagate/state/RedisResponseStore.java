package io.gigagate.state;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseStore;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Stored responses on the Redis all replicas share: a response stored through one replica is read, listed,
 * deleted and continued ({@code previous_response_id}) through any other. Each response is one string key,
 * {@code <prefix>response:<owner hash>:<id>}, holding the {@link ResponseStore.Stored} record's bytes as they are
 * (framed: a version byte, the response JSON's length and bytes, the previous response id's length and UTF-8,
 * in version 2 GigaChat's storage thread id and model (each length and UTF-8; a response that went into no thread
 * is still written as version 1, which every version reads), then the input items' JSON array), written with the
 * store's TTL and given the TTL
 * again whenever it is read ({@code GETEX}), as the in-memory store expires a response a while after it was last
 * written or read. The owner is part of the key (a hash of it: fixed length, no separator inside), so another
 * caller's id is simply not found. Redis' own memory policy bounds the number of responses (the in-memory
 * store's {@code max-entries} does not apply). A GigaChat storage thread's head ({@link #threadHead}) is one more
 * string key, {@code <prefix>response-thread:<owner hash>:<thread id>}, with the same TTL; it is moved by a
 * compare-and-set script ({@code advance-thread-head.lua}).
 *
 * <p>While Redis is unavailable every method answers 503 ({@code response_store_unavailable}, with
 * {@code Retry-After}) in the front's error shape: a response that could not be saved is never reported as
 * stored (its id would be a 404 later) and one that could not be read is not reported as missing.
 */
public final class RedisResponseStore implements ResponseStore {

    /** What a client waits before trying again: about the time the connection's breaker waits before a probe. */
    static final String RETRY_AFTER_SECONDS = "2";


    private final RedisState redis;
    private final Duration ttl;

    /** @param ttl how long a response is kept after it was last written or read (gigagate.responses.store.ttl) */
    public RedisResponseStore(RedisState redis, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("gigagate.responses.store.ttl must be positive, not " + ttl);
        }
        this.redis = redis;
        this.ttl = ttl;
    }

    /**
     * No round trip while Redis answers. While its breaker is open, a PING through the breaker: refused at once
     * until the breaker lets a probe through, and that probe is what closes it again once Redis is back (the
     * breaker opens to half-open only when asked, so a check that never asked would keep it open for good).
     */
    @Override
    public void requireAvailable() {
        if (!redis.available()) {
            try {
                redis.call(commands -> commands.ping());
            } catch (StateUnavailableException e) {
                throw unavailable(e);
            }
        }
    }

    @Override
    public void put(String owner, Stored response) {
        String key = key(owner, response.id());
        byte[] value = write(response);
        try {
            redis.callBytes(commands -> commands.set(key, value, SetArgs.Builder.px(ttl.toMillis())));
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Stored> get(String owner, String id) {
        String key = key(owner, id);
        byte[] value;
        try {
            value = redis.callBytes(commands -> commands.getex(key, GetExArgs.Builder.px(ttl.toMillis())));
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
        return value == null ? Optional.empty() : Optional.of(read(value, id));
    }

    @Override
    public boolean delete(String owner, String id) {
        String key = key(owner, id);
        try {
            Long deleted = redis.call(commands -> commands.del(key));
            return deleted != null && deleted > 0;
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<String> threadHead(String owner, String threadId) {
        String key = threadKey(owner, threadId);
        try {
            return Optional.ofNullable(redis.call(commands -> commands.getex(key, GetExArgs.Builder.px(ttl.toMillis()))));
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void setThreadHead(String owner, String threadId, String responseId) {
        String key = threadKey(owner, threadId);
        try {
            redis.call(commands -> commands.set(key, responseId, SetArgs.Builder.px(ttl.toMillis())));
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean advanceThreadHead(String owner, String threadId, String expected, String next) {
        String key = threadKey(owner, threadId);
        try {
            Long moved = redis.eval(LuaScripts.ADVANCE_THREAD_HEAD, ScriptOutputType.INTEGER, new String[] {key},
                    expected, next, Long.toString(ttl.toMillis()));
            return moved != null && moved == 1;
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** {@code <prefix>response-thread:<owner hash>:<thread id>}. */
    String threadKey(String owner, String threadId) {
        return redis.key(null, "response-thread", ownerHash(owner), threadId);
    }

    /** {@code <prefix>response:<first 128 bits of SHA-256(owner), hex>:<id>}. */
    String key(String owner, String id) {
        return redis.key(null, "response", ownerHash(owner), id);
    }

    private static String ownerHash(String owner) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first format: no GigaChat thread. */
    private static final byte FORMAT = 1;
    /** With GigaChat's storage thread (id, model) after the previous response id. */
    private static final byte FORMAT_THREAD = 2;

    static byte[] write(Stored stored) {
        byte[] previous = utf8(stored.previousResponseId());
        byte[] threadId = stored.thread() == null ? null : utf8(stored.thread().id());
        byte[] threadModel = stored.thread() == null ? null : utf8(stored.thread().model());
        int threadLength = stored.thread() == null ? 0 : 4 + threadId.length + 4 + threadModel.length;
        ByteBuffer value = ByteBuffer.allocate(1 + 4 + stored.responseJson().length + 4
                + (previous == null ? 0 : previous.length) + threadLength + stored.inputJson().length);
        value.put(stored.thread() == null ? FORMAT : FORMAT_THREAD);
        value.putInt(stored.responseJson().length).put(stored.responseJson());
        putText(value, previous);
        if (stored.thread() != null) {
            putText(value, threadId);
            putText(value, threadModel);
        }
        value.put(stored.inputJson());
        return value.array();
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putText(ByteBuffer value, byte[] text) {
        value.putInt(text == null ? -1 : text.length);
        if (text != null) {
            value.put(text);
        }
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Stored read(byte[] value, String id) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            byte format = in.get();
            if (format != FORMAT && format != FORMAT_THREAD) {
                throw new IllegalArgumentException("unknown format");
            }
            byte[] response = new byte[in.getInt()];
            in.get(response);
            String previous = text(in);
            ResponseStore.UpstreamThread thread = null;
            if (format == FORMAT_THREAD) {
                String threadId = text(in);
                String threadModel = text(in);
                thread = new ResponseStore.UpstreamThread(threadId, threadModel);
            }
            byte[] input = new byte[in.remaining()];
            in.get(input);
            return new Stored(id, previous, response, input, thread);
        } catch (RuntimeException e) {
            throw GatewayException.serverError("The stored response '" + id + "' could not be read back.");
        }
    }

    private static GatewayException unavailable(StateUnavailableException cause) {
        return new GatewayException(503, ErrorCategory.SERVER, "response_store_unavailable", null,
                "The shared response store is unavailable; stored responses cannot be saved or read right now. "
                        + "Retry shortly, or send store: false without previous_response_id.", cause)
                .withHeaders(Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
