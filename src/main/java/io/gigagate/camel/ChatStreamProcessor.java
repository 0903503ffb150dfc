package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.stream.ImageLinks;
import io.gigagate.stream.ChatChunkEncoder;
import io.gigagate.stream.SseBody;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamEncoder;
import io.gigagate.stream.StreamLimits;
import java.io.InputStream;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Turns GigaChat's live SSE answer into the client's {@code text/event-stream} body, in the format of the
 * front whose {@link StreamEncoder.Factory} it was made with ({@code chat.completion.chunk}s for OpenAI's
 * chat completions): a front reuses this processor with its own encoder factory. The first upstream event
 * is read here, before the status goes out, so a failure before it is still a normal HTTP error; after that,
 * the body ({@link SseBody}) decodes and encodes events as they come, and the web layer flushes each read.
 */
public final class ChatStreamProcessor implements Processor {

    private final StreamLimits limits;
    private final Clock clock;
    private final StreamEncoder.Factory encoders;

    /** OpenAI's chat completions stream ({@link ChatChunkEncoder}). */
    public ChatStreamProcessor(StreamLimits limits, Clock clock) {
        this(limits, clock, ChatChunkEncoder::new);
    }

    /** @param encoders the front's stream format, one encoder per stream */
    public ChatStreamProcessor(StreamLimits limits, Clock clock, StreamEncoder.Factory encoders) {
        this.limits = limits;
        this.clock = clock;
        this.encoders = encoders;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        StreamContext context = StreamContext.forRequest(call.request(), call.functions(),
                ChatResponseContext.completionId(upstreamRequestId), clock.instant().getEpochSecond());
        answer(exchange, context, ImageLinks.around(encoders.create(context)), limits, upstreamRequestId, true);
    }

    /**
     * Opens the stream body on the exchange's upstream body (reading its first event), answers with it, and
     * has the end of the exchange release GigaChat's connection.
     *
     * @param recordOutcome whether the end also records the stream's outcome and GigaChat's usage
     */
    static SseBody answer(Exchange exchange, StreamContext context, StreamEncoder encoder, StreamLimits limits,
                       String upstreamRequestId, boolean recordOutcome) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        UpstreamStream upstream = new UpstreamStream(message.getMandatoryBody(InputStream.class));
        SseBody body = SseBody.open(upstream, context.withImages(ExchangeImages.of(exchange)), encoder, limits);
        exchange.setProperty(ExchangeKeys.FIRST_EVENT_MILLIS, exchange.getClock().elapsed());
        // whatever ends the exchange (the last event, a client that went away, an error) releases
        // GigaChat's connection first, before camel-http's own clean-up would drain it
        exchange.getExchangeExtension().addOnCompletion(new ReleaseUpstream(body, recordOutcome));
        HttpAnswers.eventStream(message, body, upstreamRequestId);
        // the gateway's own time until the first event goes out: the wait for GigaChat's answer and its
        // first event is upstream time
        GatewayTime.addUpstream(exchange, upstream.stopTiming());
        GatewayTime.stamp(message);
        return body;
    }

    /** Closes the stream body (and so aborts an unfinished upstream answer) when the exchange is done. */
    private static final class ReleaseUpstream extends SynchronizationAdapter {
        private final SseBody body;
        private final boolean recordOutcome;

        ReleaseUpstream(SseBody body, boolean recordOutcome) {
            this.body = body;
            this.recordOutcome = recordOutcome;
        }

        @Override
        public void onDone(Exchange exchange) {
            if (recordOutcome) {
                exchange.setProperty(ExchangeKeys.STREAM_OUTCOME, body.finished() ? "completed" : "disconnected");
                UsageProperties.record(exchange, body.usage());
            }
            body.close();
        }

        @Override
        public int getOrder() {
            return HIGHEST;
        }
    }
}
