package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatErrors;
import io.gigagate.gigachat.GigaChatOperation;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The door's last step: the outcome of the final attempt goes to the circuit breaker, and a failure
 * (a broken connection or a GigaChat error answer) becomes the gateway's typed exception, in one place
 * for every call.
 */
public final class UpstreamErrorRaiser implements Processor {

    private final UpstreamBreaker breaker;

    public UpstreamErrorRaiser(UpstreamBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayException error = outcome(exchange);
        breaker.record(exchange, error);
        if (error != null) {
            throw error;
        }
    }

    private static GatewayException outcome(Exchange exchange) {
        Throwable failure = exchange.getProperty(ExchangeKeys.UPSTREAM_FAILURE, Throwable.class);
        if (failure != null) {
            GatewayException mapped = UpstreamFailures.toGatewayException(failure);
            return mapped != null ? mapped : new GatewayException(502, ErrorCategory.SERVER, "upstream_io_error", null,
                    "The connection to GigaChat failed.", failure);
        }
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status < 400) {
            return null;
        }
        GigaChatOperation operation = exchange.getProperty(ExchangeKeys.UPSTREAM_OPERATION, GigaChatOperation.CHAT,
                GigaChatOperation.class);
        GatewayException error = GigaChatErrors.fromResponse(status, message.getBody(byte[].class), operation);
        String retryAfter = message.getHeader("Retry-After", String.class);
        return retryAfter != null && retryAfter.matches("\\d{1,6}")
                ? error.withHeaders(Map.of("Retry-After", retryAfter)) : error;
    }
}
