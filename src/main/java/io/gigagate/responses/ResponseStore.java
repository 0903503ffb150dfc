package io.gigagate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * One stored response and what led to it.
     *
     * @param response           the response object as it was answered (never changed afterwards)
     * @param input              the request's own input items, with their ids
     * @param previousResponseId the response it continued, or null: the chain the conversation is rebuilt from
     */
    record Stored(ObjectNode response, List<JsonNode> input, String previousResponseId) {

        public Stored {
            input = List.copyOf(input);
        }

        public String id() {
            return response.path("id").asText();
        }

        /** The response's output items. */
        public List<JsonNode> output() {
            List<JsonNode> items = new java.util.ArrayList<>();
            response.path("output").forEach(items::add);
            return items;
        }
    }
}
