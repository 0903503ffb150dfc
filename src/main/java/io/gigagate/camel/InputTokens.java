package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.gigachat.TokenCountMapper;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The two steps around GigaChat's token counter in {@code direct:chat-input-tokens}: the GigaChat chat
 * request on the body becomes the counter's request (or no call at all when it has no text, 0 tokens), and
 * the counter's answer becomes {@link ExchangeKeys#INPUT_TOKENS}.
 */
final class InputTokens {

    private final TokenCountMapper mapper = new TokenCountMapper(WireJson.mapper());

    void request(Exchange exchange) throws IOException {
        GigaChatChatRequest chat = WireJson.mapper().readValue(exchange.getMessage().getBody(byte[].class),
                GigaChatChatRequest.class);
        List<String> inputs = mapper.inputs(chat);
        exchange.setProperty(ExchangeKeys.INPUT_TOKENS, 0);
        exchange.getMessage().setBody(inputs.isEmpty() ? null : mapper.countRequest(chat.model(), inputs));
    }

    void response(Exchange exchange) throws IOException {
        exchange.setProperty(ExchangeKeys.INPUT_TOKENS, mapper.total(exchange.getMessage().getBody(byte[].class)));
    }
}
