package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.stream.ImageLinks;
import io.gigagate.stream.GeminiJsonArrayStream;
import io.gigagate.stream.GeminiStreamEncoder;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import java.io.InputStream;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code :streamGenerateContent}: GigaChat's live stream written by {@link GeminiStreamEncoder} through
 * the shared stream seam ({@link ChatStreamProcessor#answer}: the first event read before the status goes
 * out, each event flushed as translated, GigaChat's connection released at the end). With {@code alt=sse}
 * the answer is {@code text/event-stream}; without it, the same objects as a streamed JSON array
 * ({@link GeminiJsonArrayStream}, {@code application/json}), as Google answers.
 */
public final class GeminiStreamProcessor implements Processor {

    private final StreamLimits limits;
    private final Clock clock;

    public GeminiStreamProcessor(StreamLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        boolean sse = exchange.getProperty(GeminiRequestProcessor.SSE, false, Boolean.class);
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        StreamContext context = StreamContext.forRequest(call.request(), call.functions(),
                ChatResponseContext.completionId(upstreamRequestId), clock.instant().getEpochSecond());
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(context, GeminiResponseProcessor.includeThoughts(exchange));
        ChatStreamProcessor.answer(exchange, context, ImageLinks.around(encoder), limits, upstreamRequestId, true);
        if (!sse) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            message.setBody(new GeminiJsonArrayStream(message.getBody(InputStream.class)));
        }
    }
}
