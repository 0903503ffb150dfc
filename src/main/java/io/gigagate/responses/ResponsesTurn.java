package io.gigagate.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Responses request on its way: what the request step decided, kept as the exchange's front request
 * for the answer and stream steps.
 *
 * @param request the parsed request
 * @param draft   the response being made (id, settings, custom tools)
 * @param input   this request's input items, with ids (stored with the response)
 * @param owner   whose store the response goes to (an API key's name or a credential's hash)
 */
public record ResponsesTurn(ResponsesRequest request, ResponseDraft draft, List<ObjectNode> input, String owner) {

    /** Stores the finished response with its input items, when the request asked for it ({@code store}). */
    public void store(ResponseStore store, ObjectNode response) {
        if (request.stored()) {
            store.put(owner, ResponseStore.Stored.of(response, input, request.previousResponseId()));
        }
    }

    /** The same for a response already written as JSON (the JSON answer's bytes, stored as they are). */
    public void store(ResponseStore store, byte[] response) {
        if (request.stored()) {
            store.put(owner, ResponseStore.Stored.of(draft.id(), response, input, request.previousResponseId()));
        }
    }
}
