package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.stream.OpenAiSseBody;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import java.io.InputStream;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Turns GigaChat's live SSE answer into the client's {@code text/event-stream} body. The first
 * upstream event is read here, before the status goes out, so a failure before it is still a normal
 * HTTP error; after that, the body translates and hands over one event per read, and the web layer
 * flushes each one as it comes.
 */
public final class ChatStreamProcessor implements Processor {

    private final StreamLimits limits;
    private final Clock clock;

    public ChatStreamProcessor(StreamLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        StreamContext context = StreamContext.forRequest(call.request(), call.functions(),
                ChatResponseContext.completionId(upstreamRequestId), clock.instant().getEpochSecond());
        UpstreamStream upstream = new UpstreamStream(message.getMandatoryBody(InputStream.class));
        OpenAiSseBody body = OpenAiSseBody.open(upstream,
                context, limits);
        // whatever ends the exchange (the last event, a client that went away, an error) releases
        // GigaChat's connection first, before camel-http's own clean-up would drain it
        exchange.getExchangeExtension().addOnCompletion(new ReleaseUpstream(body));
        OpenAiResponses.eventStream(message, body, upstreamRequestId);
        // the gateway's own time until the first event goes out: the wait for GigaChat's answer and its
        // first event is upstream time
        GatewayTime.addUpstream(exchange, upstream.stopTiming());
        GatewayTime.stamp(message);
    }

    /** Closes the stream body (and so aborts an unfinished upstream answer) when the exchange is done. */
    private static final class ReleaseUpstream extends SynchronizationAdapter {
        private final OpenAiSseBody body;

        ReleaseUpstream(OpenAiSseBody body) {
            this.body = body;
        }

        @Override
        public void onDone(Exchange exchange) {
            exchange.setProperty(ExchangeKeys.STREAM_OUTCOME, body.finished() ? "completed" : "disconnected");
            UsageProperties.record(exchange, body.usage());
            body.close();
        }

        @Override
        public int getOrder() {
            return HIGHEST;
        }
    }
}
