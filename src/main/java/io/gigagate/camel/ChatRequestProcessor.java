package io.gigagate.camel;

import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.gigachat.ContentAttachments;
import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.WireJson;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The front-neutral chat steps, for every front: takes the chat request from the body (a front's parser
 * put it there), checks the message limit, resolves the GigaChat model (aliases, a route's
 * {@link ExchangeKeys#MODEL_OVERRIDE}), maps the request to GigaChat with the attachments found before,
 * and leaves one {@link ChatCall} on the exchange for the answer or stream steps. The body becomes the
 * GigaChat request's bytes.
 */
public final class ChatRequestProcessor implements Processor {

    /** The default most messages one request may carry. */
    public static final int MAX_MESSAGES = 2048;

    private final ModelResolver models;
    private final ChatRequestMapper mapper;
    private final int maxMessages;
    private final BuiltInTools builtInTools;

    /** @param builtInTools which GigaChat built-in tools a request may get, and what happens to the rest */
    public ChatRequestProcessor(ModelResolver models, ChatRequestMapper mapper, int maxMessages,
            BuiltInTools builtInTools) {
        this.models = models;
        this.mapper = mapper;
        this.maxMessages = maxMessages;
        this.builtInTools = builtInTools;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ChatCompletionRequest request = ChatRequests.onBody(exchange);
        if (request.messages().size() > maxMessages) {
            throw GatewayException.invalidRequest("Too many messages: at most " + maxMessages + " per request.",
                    "messages", "array_above_max_length");
        }
        String model = models.resolveChat(exchange.getProperty(ExchangeKeys.MODEL_OVERRIDE, request.model(), String.class));
        ContentAttachments attachments = exchange.getProperty(ExchangeKeys.CONTENT_ATTACHMENTS, ContentAttachments.class);
        GigaChatChatRequest upstream = builtInTools.apply(exchange, request, model, mapper.toGigaChat(request, model,
                attachments != null ? attachments : ContentAttachments.none()));
        ChatCall call = new ChatCall(request, model, mapper.functionsContext(request));
        exchange.setProperty(ExchangeKeys.CHAT_CALL, call);
        // where a drawn image's gateway URL points: the address the client called, read before the door
        // replaces the request's headers with GigaChat's
        exchange.setProperty(ImagesProcessor.BASE_URL, ImagesProcessor.calledBaseUrl(exchange.getMessage()));
        exchange.setProperty(ExchangeKeys.GIGACHAT_MODEL, model);
        exchange.setProperty(ExchangeKeys.STREAM, call.stream());
        exchange.setProperty(ExchangeKeys.FAN_OUT, call.choices() > 1);
        exchange.getMessage().setBody(WireJson.mapper().writeValueAsBytes(upstream));
    }
}
