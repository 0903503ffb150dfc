package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.openai.ChatRequestParser;
import io.gigagate.openai.WireJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Parses and validates an OpenAI chat request, resolves the GigaChat model and puts the GigaChat
 * request on the body. The parsed request stays on the exchange for the response mapping.
 */
public final class ChatRequestProcessor implements Processor {

    private final ModelResolver models;
    private final ChatRequestMapper mapper;

    public ChatRequestProcessor(ModelResolver models, ChatRequestMapper mapper) {
        this.models = models;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ChatCompletionRequest request = ChatRequestParser.parse(message.getBody(byte[].class));
        String model = models.resolveChat(exchange.getProperty(ExchangeKeys.MODEL_OVERRIDE, request.model(), String.class));
        GigaChatChatRequest upstream = mapper.toGigaChat(request, model);
        exchange.setProperty(ExchangeKeys.GIGACHAT_MODEL, model);
        exchange.setProperty(ExchangeKeys.OPENAI_REQUEST, request);
        exchange.setProperty(ExchangeKeys.FUNCTIONS, mapper.functionsContext(request));
        exchange.setProperty(ExchangeKeys.STREAM, Boolean.TRUE.equals(request.stream()));
        exchange.setProperty(ExchangeKeys.CHOICES, request.n() == null ? 1 : request.n());
        message.setBody(WireJson.mapper().writeValueAsBytes(upstream));
    }
}
