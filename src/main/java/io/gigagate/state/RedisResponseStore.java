package io.gigagate.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseStore;
import io.gigagate.wire.WireJson;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.SetArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored responses on the Redis all replicas share: a response stored through one replica is read, listed,
 * deleted and continued ({@code previous_response_id}) through any other. Each response is one string key,
 * {@code <prefix>response:<owner hash>:<id>}, holding the {@link ResponseStore.Stored} record as JSON
 * ({@code response}, {@code input}, {@code previous_response_id}), written with the store's TTL and given the TTL
 * again whenever it is read ({@code GETEX}), as the in-memory store expires a response a while after it was last
 * written or read. The owner is part of the key (a hash of it: fixed length, no separator inside), so another
 * caller's id is simply not found. Redis' own memory policy bounds the number of responses (the in-memory
 * store's {@code max-entries} does not apply).
 *
 * <p>While Redis is unavailable every method answers 503 ({@code response_store_unavailable}, with
 * {@code Retry-After}) in the front's error shape: a response that could not be saved is never reported as
 * stored (its id would be a 404 later) and one that could not be read is not reported as missing.
 */
public final class RedisResponseStore implements ResponseStore {

    /** What a client waits before trying again: about the time the connection's breaker waits before a probe. */
    static final String RETRY_AFTER_SECONDS = "2";

    /**
     * JSON as the wire reads it (numbers exactly as written, raw UTF-8), a little deeper than a request may nest
     * because the record wraps the response and its input.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(WireJson.MAX_NESTING_DEPTH + 8).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

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
        String value = write(response);
        try {
            redis.call(commands -> commands.set(key, value, SetArgs.Builder.px(ttl.toMillis())));
        } catch (StateUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Stored> get(String owner, String id) {
        String key = key(owner, id);
        String value;
        try {
            value = redis.call(commands -> commands.getex(key, GetExArgs.Builder.px(ttl.toMillis())));
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

    static String write(Stored stored) {
        ObjectNode node = JSON.createObjectNode();
        node.set("response", stored.response());
        node.putArray("input").addAll(stored.input());
        node.put("previous_response_id", stored.previousResponseId());
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("A response could not be written as JSON", e);
        }
    }

    static Stored read(String value, String id) {
        try {
            JsonNode node = JSON.readTree(value);
            if (!(node.get("response") instanceof ObjectNode response)) {
                throw new IOException("no response object");
            }
            List<JsonNode> input = new ArrayList<>();
            node.path("input").forEach(input::add);
            JsonNode previous = node.get("previous_response_id");
            return new Stored(response, input, previous == null || previous.isNull() ? null : previous.asText());
        } catch (IOException e) {
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
