package io.gigagate.camel;

import io.gigagate.gigachat.ContentAttachments;
import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.openai.ChatRequestParser;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.WireJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Parses and validates an OpenAI chat request, resolves the GigaChat model and puts the GigaChat
 * request on the body. The parsed request stays on the exchange for the response mapping.
 */
public final class ChatRequestProcessor implements Processor {

    /** The default most messages one request may carry. */
    public static final int MAX_MESSAGES = 2048;

    private final ModelResolver models;
    private final ChatRequestMapper mapper;
    private final int maxMessages;

    public ChatRequestProcessor(ModelResolver models, ChatRequestMapper mapper) {
        this(models, mapper, MAX_MESSAGES);
    }

    public ChatRequestProcessor(ModelResolver models, ChatRequestMapper mapper, int maxMessages) {
        this.models = models;
        this.mapper = mapper;
        this.maxMessages = maxMessages;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ChatCompletionRequest request = ChatRequestParser.parse(message.getBody(byte[].class));
        if (request.messages().size() > maxMessages) {
            throw GatewayException.invalidRequest("Too many messages: at most " + maxMessages + " per request.",
                    "messages", "array_above_max_length");
        }
        String model = models.resolveChat(exchange.getProperty(ExchangeKeys.MODEL_OVERRIDE, request.model(), String.class));
        ContentAttachments attachments = exchange.getProperty(ExchangeKeys.CONTENT_ATTACHMENTS, ContentAttachments.class);
        GigaChatChatRequest upstream = mapper.toGigaChat(request, model,
                attachments != null ? attachments : ContentAttachments.none());
        exchange.setProperty(ExchangeKeys.GIGACHAT_MODEL, model);
        exchange.setProperty(ExchangeKeys.OPENAI_REQUEST, request);
        exchange.setProperty(ExchangeKeys.FUNCTIONS, mapper.functionsContext(request));
        exchange.setProperty(ExchangeKeys.STREAM, Boolean.TRUE.equals(request.stream()));
        exchange.setProperty(ExchangeKeys.CHOICES, request.n() == null ? 1 : request.n());
        message.setBody(WireJson.mapper().writeValueAsBytes(upstream));
    }
}
