package io.gigagate.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gigagate.openai.WireJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes a JSON answer to the client: status, content type, body, the gateway's own time
 * ({@link GatewayTime#HEADER}), and none of the request's headers.
 */
final class OpenAiResponses {

    private OpenAiResponses() {
    }

    static void json(Message message, int status, Object body) throws JsonProcessingException {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(WireJson.mapper().writeValueAsBytes(body));
        GatewayTime.stamp(message); // last: the JSON above is part of the gateway's own time
    }
}
