package io.gigagate.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders any failure in one front's error shape (its {@link ErrorRenderer}) with the right status. Known failures keep
 * their message; anything unexpected becomes a 500 with a generic message (the details go to the log,
 * never to the client).
 */
public final class ErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final ErrorRenderer renderer;

    public ErrorResponder(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException error = UpstreamFailures.toGatewayException(failure);
        if (error == null) {
            LOG.error("Unexpected failure in route {}", exchange.getFromRouteId(), failure);
            error = GatewayException.serverError("The gateway failed to process the request.");
        } else if (error.status() >= 500) {
            LOG.warn("{} (route {}; cause: {})", error, exchange.getFromRouteId(), rootCause(failure));
        } else {
            LOG.debug("{} (route {})", error, exchange.getFromRouteId());
        }
        ErrorRenderer chosen = exchange.getProperty(ExchangeKeys.ERROR_RENDERER, ErrorRenderer.class);
        write(exchange, error, chosen != null ? chosen : renderer);
    }

    /** The innermost cause's type and message: enough to diagnose, and free of request data. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure && failure instanceof GatewayException ? "none" : root.getClass().getName() + ": " + root.getMessage();
    }

    static void write(Exchange exchange, GatewayException error, ErrorRenderer renderer) throws JsonProcessingException {
        Message message = exchange.getMessage();
        ClientResponse.reset(exchange, message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, renderer.status(error));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        error.headers().forEach(message::setHeader);
        message.setBody(WireJson.mapper().writeValueAsBytes(renderer.body(error)));
        GatewayTime.stamp(message);
    }
}
