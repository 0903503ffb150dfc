package io.gigagate.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where stored responses live ({@code store: true}, the default): each under its owner, the caller's
 * identity (an API key's name, or a hash of a pass-token credential; never a secret itself), so a
 * response stored by one caller is invisible to any other. In memory by default
 * ({@link InMemoryResponseStore}); a shared store (several replicas: {@code io.gigagate.state.RedisResponseStore})
 * implements the same methods. Implementations are thread-safe and may forget entries (size bound, expiry): a
 * forgotten response is one that was never stored. A store that cannot be reached answers every method with a
 * {@link io.gigagate.error.GatewayException} (503, {@code Retry-After}) instead of pretending: a response it could
 * not save is never reported as stored, and one it could not read is not reported as missing.
 */
public interface ResponseStore {

    /**
     * Refuses at once (503) when the store is known to be unreachable now, so that a request that must be
     * stored fails before GigaChat is asked (no tokens spent on an answer that could not be kept). Nothing by
     * default: the in-memory store is always there.
     */
    default void requireAvailable() {
    }

    void put(String owner, Stored response);

    Optional<Stored> get(String owner, String id);

    /** @return whether there was such a response */
    boolean delete(String owner, String id);

    /**
     * The stored response that last went into GigaChat's storage thread {@code threadId} (v2's
     * {@code storage.thread_id}): only that one may be continued through the thread, as GigaChat's thread
     * holds every turn sent to it and a second continuation of an earlier response (a fork of the
     * conversation) would see turns that are not its own. Kept for as long as the responses are.
     * Nothing by default: a store without heads never lets a thread be continued (the full rebuild is used).
     */
    default Optional<String> threadHead(String owner, String threadId) {
        return Optional.empty();
    }

    /** Sets the thread's head (the response that opened the thread, once it is stored). */
    default void setThreadHead(String owner, String threadId, String responseId) {
    }

    /**
     * Moves the thread's head from {@code expected} to {@code next} if it is {@code expected} now, atomically:
     * of two requests continuing the same response through the thread, one wins and the other rebuilds.
     *
     * @return whether the head moved
     */
    default boolean advanceThreadHead(String owner, String threadId, String expected, String next) {
        return false;
    }

    /**
     * One stored response and what led to it, as JSON bytes: the response exactly as it was answered (a
     * {@code GET} writes these bytes again) and the request's input items as a JSON array. Bytes rather than
     * trees: a full store holds one small array per response instead of a tree of hundreds of objects for the
     * garbage collector to trace, and a shared store keeps them as they are. The arrays are never changed.
     *
     * @param id                 the response's id
     * @param previousResponseId the response it continued, or null: the chain the conversation is rebuilt from
     * @param responseJson       the response object, as JSON
     * @param inputJson          the request's own input items with their ids, as a JSON array
     * @param thread             GigaChat's storage thread the response went into (v2's {@code thread_id}, with
     *                           the GigaChat model it ran on), or null: the gateway's own record stays whole either way
     */
    record Stored(String id, String previousResponseId, byte[] responseJson, byte[] inputJson, UpstreamThread thread) {

        public Stored {
            java.util.Objects.requireNonNull(id, "id");
            java.util.Objects.requireNonNull(responseJson, "responseJson");
            java.util.Objects.requireNonNull(inputJson, "inputJson");
        }

        /** A response that went into no GigaChat thread. */
        public Stored(String id, String previousResponseId, byte[] responseJson, byte[] inputJson) {
            this(id, previousResponseId, responseJson, inputJson, null);
        }

        /** The same response, recorded as having gone into GigaChat's thread (null: none). */
        public Stored withThread(UpstreamThread thread) {
            return new Stored(id, previousResponseId, responseJson, inputJson, thread);
        }

        /** A response already written as JSON (the JSON answer's own bytes), with its input items. */
        public static Stored of(String id, byte[] response, List<? extends JsonNode> input, String previousResponseId) {
            ByteArrayBuilder json = new ByteArrayBuilder(256);
            try (JsonGenerator g = WireJson.mapper().createGenerator(json)) {
                g.writeStartArray();
                for (JsonNode item : input) {
                    WireJson.writeTree(g, item);
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new IllegalStateException("input items that cannot be written as JSON", e);
            }
            return new Stored(id, previousResponseId, response, json.toByteArray());
        }

        /** The response object (a new tree each call). */
        public ObjectNode responseTree() {
            return (ObjectNode) read(responseJson);
        }

        /** The input items (new trees each call). */
        public List<JsonNode> input() {
            List<JsonNode> items = new ArrayList<>();
            read(inputJson).forEach(items::add);
            return items;
        }

        /** The response's output items (new trees each call). */
        public List<JsonNode> output() {
            List<JsonNode> items = new ArrayList<>();
            read(responseJson).path("output").forEach(items::add);
            return items;
        }

        /** The response's {@code instructions} ({@code null} when it had none). */
        public String instructions() {
            JsonNode instructions = read(responseJson).path("instructions");
            return instructions.isTextual() ? instructions.asText() : null;
        }

        private static JsonNode read(byte[] json) {
            try {
                return WireJson.mapper().readTree(json);
            } catch (IOException e) {
                throw new IllegalStateException("a stored response that is not JSON", e);
            }
        }
    }

    /**
     * GigaChat's storage thread of a stored response (v2 contract).
     *
     * @param id    GigaChat's {@code thread_id}
     * @param model the GigaChat model the response ran on: a thread is continued on the same model only
     */
    record UpstreamThread(String id, String model) {

        public UpstreamThread {
            java.util.Objects.requireNonNull(id, "id");
            java.util.Objects.requireNonNull(model, "model");
        }
    }
}
