package io.gigagate.camel;

import io.gigagate.gigachat.ChatV2Contract;
import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The two steps around the v2 door for a chat ({@link ChatV2Contract}): the v1 request on the body becomes
 * v2's, and v2's JSON answer becomes the v1 answer every reader of GigaChat's answer expects.
 */
final class V2Translation {

    private final ChatV2Contract contract = new ChatV2Contract(WireJson.mapper());

    void request(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        GigaChatChatRequest v1 = WireJson.mapper().readValue(message.getBody(byte[].class), GigaChatChatRequest.class);
        message.setBody(WireJson.mapper().writeValueAsBytes(contract.request(v1)));
    }

    /** The answer translated; GigaChat's storage thread id, when it has one, left in {@link ExchangeKeys#UPSTREAM_THREAD_ID}. */
    void answer(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        com.fasterxml.jackson.databind.JsonNode v2 = WireJson.mapper().readTree(message.getBody(byte[].class));
        String threadId = ChatV2Contract.threadId(v2);
        if (threadId != null) {
            exchange.setProperty(ExchangeKeys.UPSTREAM_THREAD_ID, threadId);
        }
        message.setBody(WireJson.mapper().writeValueAsBytes(contract.response(v2)));
    }
}
