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
 * @param storage what the turn asks of GigaChat's own storage, or null (none: the setting is off, the model is
 *                on v1, or {@code store} is false)
 */
public record ResponsesTurn(ResponsesRequest request, ResponseDraft draft, List<ObjectNode> input, String owner,
                            UpstreamStorage storage) {

    public ResponsesTurn(ResponsesRequest request, ResponseDraft draft, List<ObjectNode> input, String owner) {
        this(request, draft, input, owner, null);
    }

    /** The same turn with another storage plan (the fallback's new thread). */
    public ResponsesTurn withStorage(UpstreamStorage storage) {
        return new ResponsesTurn(request, draft, input, owner, storage);
    }

    /**
     * Stores the finished response, already written as JSON (the bytes the client got, stored as they are), with
     * its input items, when the request asked for it ({@code store}).
     *
     * @param threadId GigaChat's storage thread id from its answer, or null
     */
    public void store(ResponseStore store, byte[] response, String threadId) {
        if (request.stored()) {
            put(store, ResponseStore.Stored.of(draft.id(), response, input, request.previousResponseId()), threadId);
        }
    }

    /** The response, with GigaChat's thread when the turn asked for storage and got one; the thread's head moves to it. */
    private void put(ResponseStore store, ResponseStore.Stored stored, String threadId) {
        if (storage == null || threadId == null) {
            store.put(owner, stored);
            return;
        }
        store.put(owner, stored.withThread(new ResponseStore.UpstreamThread(threadId, storage.model())));
        store.setThreadHead(owner, threadId, stored.id());
    }
}
