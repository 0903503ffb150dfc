package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.FunctionsContext;
import io.gigagate.openai.WireJson;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Maps GigaChat's chat answer to OpenAI's {@code chat.completion} and writes it to the client. */
public final class ChatResponseProcessor implements Processor {

    private final ChatResponseMapper mapper;
    private final Clock clock;

    public ChatResponseProcessor(ChatResponseMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ChatCompletionRequest request = exchange.getProperty(ExchangeKeys.OPENAI_REQUEST, ChatCompletionRequest.class);
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        GigaChatChatResponse upstream = WireJson.mapper().readValue(message.getBody(byte[].class), GigaChatChatResponse.class);
        FunctionsContext functions = exchange.getProperty(ExchangeKeys.FUNCTIONS, FunctionsContext.class);
        ChatResponseContext context = ChatResponseContext.forRequest(request, functions, upstreamRequestId,
                clock.instant().getEpochSecond());
        ChatCompletion completion = mapper.toOpenAi(upstream, context);
        UsageProperties.record(exchange, upstream.usage());
        OpenAiResponses.json(message, 200, completion);
        if (upstreamRequestId != null) {
            message.setHeader("x-request-id", upstreamRequestId);
        }
    }
}
