package io.gigagate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.responses.InputItems;
import io.gigagate.responses.ResponseChain;
import io.gigagate.responses.ResponseDraft;
import io.gigagate.responses.ResponseIds;
import io.gigagate.responses.ResponseStore;
import io.gigagate.responses.ResponsesChatMapper;
import io.gigagate.responses.ResponsesRequest;
import io.gigagate.responses.ResponsesRequestParser;
import io.gigagate.responses.ResponsesTurn;
import io.gigagate.responses.UpstreamStorage;
import io.gigagate.error.GatewayException;
import java.util.Locale;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The Responses front's request step: the body's bytes parsed ({@link ResponsesRequestParser}), the stored
 * conversation behind {@code previous_response_id} rebuilt for the caller ({@link ResponseChain}), and the
 * whole turn mapped to the internal chat request on the body ({@link ResponsesChatMapper}) for the shared
 * chat steps. Web search goes to the chat step as GigaChat's built-in tool ({@link ExchangeKeys#BUILT_IN_TOOLS}:
 * served on GigaChat's v2 contract), the other built-in tools, left out, to the {@link BuiltInToolPolicy}; the turn
 * ({@link ResponsesTurn}) stays as {@link ExchangeKeys#FRONT_REQUEST} for the answer.
 *
 * <p>With GigaChat's own storage ({@link UpstreamStorageSetting}, v2 models) a stored turn asks for a thread
 * ({@link UpstreamStorage#plan}): a new one with the whole conversation, or the previous response's one with only
 * this request's input. When GigaChat no longer knows the thread ({@link #threadLost}), the route's catch calls
 * {@link #rebuild} and asks once more with the whole conversation from the gateway's own store.
 */
public final class ResponsesRequestProcessor implements Processor {

    private final ResponseStore store;
    private final BuiltInToolPolicy toolPolicy;
    private final Clock clock;
    private final boolean counting;
    private final UpstreamStorageSetting upstreamStorage;

    /**
     * @param counting whether this is {@code /v1/responses/input_tokens} (model optional, nothing stored,
     *                 no stream, the tool policy not applied)
     */
    public ResponsesRequestProcessor(ResponseStore store, BuiltInToolPolicy toolPolicy, Clock clock, boolean counting) {
        this(store, toolPolicy, clock, counting, UpstreamStorageSetting.OFF);
    }

    /** @param upstreamStorage whether stored turns use GigaChat's own storage (v2 models) */
    public ResponsesRequestProcessor(ResponseStore store, BuiltInToolPolicy toolPolicy, Clock clock, boolean counting,
                                     UpstreamStorageSetting upstreamStorage) {
        this.store = store;
        this.toolPolicy = toolPolicy;
        this.clock = clock;
        this.counting = counting;
        this.upstreamStorage = upstreamStorage;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        ResponsesRequest request = counting ? ResponsesRequestParser.parseForCounting(body)
                : ResponsesRequestParser.parse(body);
        String owner = owner(exchange);
        if (request.stored() && !counting) {
            store.requireAvailable(); // a shared store that is down: 503 now, before GigaChat is asked
        }
        List<ResponseStore.Stored> chain = ResponseChain.links(store, owner, request.previousResponseId());
        List<JsonNode> history = ResponseChain.items(chain);
        List<ObjectNode> input = InputItems.normalize(request.input(), id -> ResponseChain.find(history, id));
        String responseId = ResponseIds.response();
        UpstreamStorage storage = null;
        String storageModel = request.stored() && !counting ? upstreamStorage.model(exchange, request) : null;
        if (storageModel != null) {
            storage = UpstreamStorage.plan(storageModel, request.instructions(),
                    chain.isEmpty() ? null : chain.get(chain.size() - 1), store, owner, responseId);
        }
        ResponsesChatMapper.Mapped mapped = ResponsesChatMapper.toChat(request, history, input, storage);
        if (!counting) {
            toolPolicy.apply(exchange, mapped.ignoredTools());
            if (!mapped.builtInTools().isEmpty()) {
                exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, mapped.builtInTools()); // the chat step serves them
            }
        }
        ResponseDraft draft = new ResponseDraft(responseId, clock.instant().getEpochSecond(), request,
                mapped.customTools(), mapped.namespaces());
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, new ResponsesTurn(request, draft, input, owner, storage));
        exchange.getMessage().setBody(mapped.chat());
    }

    /**
     * Whether the call that just failed ({@code caught}) continued a GigaChat storage thread that GigaChat no longer
     * knows: a 404 (the emulator's "Thread not found"; GigaChat's own answer for it is not documented), or a
     * 400/422 that names the thread.
     */
    static boolean threadLost(ResponsesTurn turn, Exception caught) {
        if (turn == null || turn.storage() == null || !turn.storage().continues()
                || !(caught instanceof GatewayException error)) {
            return false;
        }
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        return error.status() == 404 || ((error.status() == 400 || error.status() == 422) && message.contains("thread"));
    }

    /**
     * The route's catch of a failed GigaChat call: a turn whose storage thread was lost ({@link #threadLost}) is
     * rebuilt in full from the gateway's own store, as when the setting is off, in a new thread
     * ({@code storage: {}}), on the body for the chat steps and GigaChat again (once: the rebuilt turn continues
     * no thread); any other failure is thrown on as it was.
     */
    public void rebuild(Exchange exchange) throws Exception {
        ResponsesTurn turn = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, ResponsesTurn.class);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!threadLost(turn, caught)) {
            throw caught;
        }
        UpstreamStorage opening = turn.storage().opening();
        List<JsonNode> history = ResponseChain.history(store, turn.owner(), turn.request().previousResponseId());
        ResponsesChatMapper.Mapped mapped = ResponsesChatMapper.toChat(turn.request(), history, turn.input(), opening);
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, turn.withStorage(opening));
        exchange.removeProperty(ExchangeKeys.UPSTREAM_THREAD_ID);
        UpstreamRequestPreparer.forgetCall(exchange);
        exchange.getMessage().setBody(mapped.chat());
    }

    /**
     * Whose stored responses this caller sees: in pass-token mode its GigaChat credential's hash, else its
     * API key's name ({@code anonymous} when keys are off). Never a secret.
     */
    public static String owner(Exchange exchange) {
        String credential = exchange.getProperty(ExchangeKeys.UPSTREAM_CREDENTIAL, String.class);
        if (credential != null) {
            return "credential:" + credential;
        }
        return "key:" + exchange.getProperty(ExchangeKeys.API_KEY_NAME, "anonymous", String.class);
    }
}
