package io.gigagate.camel;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The start of every answer to the client: none of the request's headers (platform-http would echo them,
 * {@code Authorization} included), and the headers the access policy decided for this exchange (CORS).
 */
final class ClientResponse {

    private ClientResponse() {
    }

    static void reset(Exchange exchange, Message message) {
        message.removeHeaders("*");
        @SuppressWarnings("unchecked")
        Map<String, String> policy = exchange.getProperty(ExchangeKeys.RESPONSE_HEADERS, Map.class);
        if (policy != null) {
            policy.forEach(message::setHeader);
        }
    }
}
