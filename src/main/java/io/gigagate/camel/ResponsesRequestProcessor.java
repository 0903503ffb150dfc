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
 */
public final class ResponsesRequestProcessor implements Processor {

    private final ResponseStore store;
    private final BuiltInToolPolicy toolPolicy;
    private final Clock clock;
    private final boolean counting;

    /**
     * @param counting whether this is {@code /v1/responses/input_tokens} (model optional, nothing stored,
     *                 no stream, the tool policy not applied)
     */
    public ResponsesRequestProcessor(ResponseStore store, BuiltInToolPolicy toolPolicy, Clock clock, boolean counting) {
        this.store = store;
        this.toolPolicy = toolPolicy;
        this.clock = clock;
        this.counting = counting;
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
        List<JsonNode> history = ResponseChain.history(store, owner, request.previousResponseId());
        List<ObjectNode> input = InputItems.normalize(request.input(), id -> ResponseChain.find(history, id));
        ResponsesChatMapper.Mapped mapped = ResponsesChatMapper.toChat(request, history, input);
        if (!counting) {
            toolPolicy.apply(exchange, mapped.ignoredTools());
            if (!mapped.builtInTools().isEmpty()) {
                exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, mapped.builtInTools()); // the chat step serves them
            }
        }
        ResponseDraft draft = new ResponseDraft(ResponseIds.response(), clock.instant().getEpochSecond(), request,
                mapped.customTools(), mapped.namespaces());
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, new ResponsesTurn(request, draft, input, owner));
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
