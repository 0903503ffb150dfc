package io.gigagate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The conversation behind a {@code previous_response_id}: the stored chain walked back to its start, each
 * response's input items then its output items, oldest first. Instructions are not carried over (as at
 * OpenAI: each request gives its own). A link that is not stored for this owner (never stored, expired,
 * deleted, or another caller's) is a 404 naming {@code previous_response_id}.
 */
public final class ResponseChain {

    /** Links followed at most: far beyond real conversations; guards against a store that loops. */
    static final int MAX_LINKS = 10_000;

    private ResponseChain() {
    }

    public static List<JsonNode> history(ResponseStore store, String owner, String previousResponseId) {
        return items(links(store, owner, previousResponseId));
    }

    /** The stored responses of the chain, oldest first (the last is {@code previousResponseId}'s); empty for null. */
    public static List<ResponseStore.Stored> links(ResponseStore store, String owner, String previousResponseId) {
        if (previousResponseId == null) {
            return List.of();
        }
        Deque<ResponseStore.Stored> chain = new ArrayDeque<>();
        String next = previousResponseId;
        while (next != null) {
            String id = next;
            ResponseStore.Stored stored = store.get(owner, id).orElseThrow(() -> notFound(previousResponseId, id));
            chain.addFirst(stored);
            if (chain.size() > MAX_LINKS) {
                throw GatewayException.invalidRequest("The conversation behind 'previous_response_id' is too long.",
                        "previous_response_id", "invalid_value");
            }
            next = stored.previousResponseId();
        }
        return List.copyOf(chain);
    }

    /** The conversation's items of a chain ({@link #links}): each response's input items then its output items. */
    public static List<JsonNode> items(List<ResponseStore.Stored> chain) {
        List<JsonNode> items = new ArrayList<>();
        for (ResponseStore.Stored stored : chain) {
            items.addAll(stored.input());
            items.addAll(stored.output());
        }
        return items;
    }

    /** The item of this id in a conversation, for {@code item_reference}s; null when it has none. */
    public static JsonNode find(List<JsonNode> items, String id) {
        for (JsonNode item : items) {
            if (id.equals(item.path("id").asText(null))) {
                return item;
            }
        }
        return null;
    }

    private static GatewayException notFound(String asked, String missing) {
        String message = asked.equals(missing) ? "Previous response with id '" + asked + "' not found."
                : "Previous response with id '" + asked + "' cannot be continued: the earlier response '" + missing
                + "' of its conversation is no longer stored.";
        return GatewayException.notFound(message, "previous_response_not_found", "previous_response_id");
    }
}
