package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatErrors;
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
            throw GigaChatErrors.fromResponse(status, message.getBody(byte[].class), operation);
        }
    }
}
