package io.gigagate.camel;

import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.CompletionRequest;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import io.gigagate.stream.TextCompletionEncoder;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Streamed {@code /v1/completions}: GigaChat's live SSE answer opened as for chat (first event read before
 * the status goes out, stop sequences, limits; {@link ChatStreamProcessor#answer}) and written as
 * {@code text_completion} chunks ({@link TextCompletionEncoder}).
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
        StreamContext context = StreamContext.forRequest(chat, id, created);
        String model = request.model() == null || request.model().isBlank() ? "GigaChat" : request.model();
        TextCompletionEncoder encoder = new TextCompletionEncoder(context, model,
                request.echoed() ? prompts.get(0) : null);
        ChatStreamProcessor.answer(exchange, context, encoder, limits, upstreamRequestId, false);
    }
}
