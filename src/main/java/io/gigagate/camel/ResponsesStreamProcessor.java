package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.responses.ResponseStore;
import io.gigagate.responses.ResponsesTurn;
import io.gigagate.stream.ResponsesStreamEncoder;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import io.gigagate.stream.SseBody;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * The Responses front's stream step: chat's stream step ({@link ChatStreamProcessor#answer}: the first
 * upstream event read before the status goes out, then each event translated and flushed as it comes) with
 * the Responses encoder ({@link ResponsesStreamEncoder}), made per exchange because it carries this
 * turn's response (its id and settings) and stores the finished response when asked.
 */
public final class ResponsesStreamProcessor implements Processor {

    private final StreamLimits limits;
    private final Clock clock;
    private final ResponseStore store;

    public ResponsesStreamProcessor(StreamLimits limits, Clock clock, ResponseStore store) {
        this.limits = limits;
        this.clock = clock;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        ResponsesTurn turn = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, ResponsesTurn.class);
        String upstreamRequestId = exchange.getMessage().getHeader("X-Request-Id", String.class);
        StreamContext context = StreamContext.forRequest(call.request(), call.functions(),
                ChatResponseContext.completionId(upstreamRequestId), clock.instant().getEpochSecond());
        // GigaChat's storage thread id comes with its stream's events: read from the body when the response is stored
        AtomicReference<SseBody> body = new AtomicReference<>();
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(turn.draft(), response -> turn.store(store, response,
                body.get() == null ? null : body.get().threadId()));
        body.set(ChatStreamProcessor.answer(exchange, context, encoder, limits, upstreamRequestId, true));
    }
}
