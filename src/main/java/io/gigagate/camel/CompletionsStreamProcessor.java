package io.gigagate.camel;

import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.CompletionRequest;
import io.gigagate.stream.OpenAiSseBody;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import io.gigagate.stream.TextCompletionSseBody;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Streamed {@code /v1/completions}: GigaChat's live SSE answer through the chat stream translation
 * ({@link OpenAiSseBody}: first event read before the status goes out, stop sequences, limits), then
 * rewritten event by event as {@code text_completion} chunks ({@link TextCompletionSseBody}).
 */
public final class CompletionsStreamProcessor implements Processor {

    private final StreamLimits limits;
    private final Clock clock;

    public CompletionsStreamProcessor(StreamLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        CompletionsProcessor.Call completion = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, CompletionsProcessor.Call.class);
        CompletionRequest request = completion.request();
        List<String> prompts = completion.prompts();
        ChatCompletionRequest chat = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class).request();
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        String id = CompletionsProcessor.completionId(upstreamRequestId);
        long created = clock.instant().getEpochSecond();
        UpstreamStream upstream = new UpstreamStream(message.getMandatoryBody(InputStream.class));
        OpenAiSseBody chatBody = OpenAiSseBody.open(upstream,
                StreamContext.forRequest(chat, id, created), limits);
        String model = request.model() == null || request.model().isBlank() ? "GigaChat" : request.model();
        TextCompletionSseBody body = new TextCompletionSseBody(chatBody, id, created, model,
                request.echoed() ? prompts.get(0) : null);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                body.close(); // releases GigaChat's connection whatever ended the exchange
            }

            @Override
            public int getOrder() {
                return HIGHEST;
            }
        });
        OpenAiResponses.eventStream(message, body, upstreamRequestId);
        // the gateway's own time until the first event goes out: the wait for GigaChat's answer and its
        // first event is upstream time
        GatewayTime.addUpstream(exchange, upstream.stopTiming());
        GatewayTime.stamp(message);
    }
}
