package io.gigagate.camel;

import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestParser;
import org.apache.camel.Exchange;

/** The chat request a chat step works on, taken from the body. */
final class ChatRequests {

    private ChatRequests() {
    }

    /**
     * The chat request on the body. A front's parser puts it there; a route written before the parser
     * step existed still carries OpenAI's bytes, which are parsed once here and left parsed on the body,
     * so the next step does not parse them again.
     */
    static ChatCompletionRequest onBody(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof ChatCompletionRequest request) {
            return request;
        }
        ChatCompletionRequest request = ChatRequestParser.parse(exchange.getMessage().getBody(byte[].class));
        exchange.getMessage().setBody(request);
        return request;
    }
}
