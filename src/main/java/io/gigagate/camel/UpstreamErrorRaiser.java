package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatErrors;
import io.gigagate.openai.GatewayException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Turns a GigaChat error answer into the gateway's typed exception, in one place for every call. */
public final class UpstreamErrorRaiser implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 400) {
            String operation = exchange.getProperty(ExchangeKeys.UPSTREAM_OPERATION, "chat", String.class);
            GatewayException error = GigaChatErrors.fromResponse(status, message.getBody(byte[].class), operation);
            String retryAfter = message.getHeader("Retry-After", String.class);
            throw retryAfter != null && retryAfter.matches("\\d{1,6}")
                    ? error.withHeaders(Map.of("Retry-After", retryAfter)) : error;
        }
    }
}
