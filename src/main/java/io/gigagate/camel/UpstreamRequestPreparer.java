package io.gigagate.camel;

import io.gigagate.gigachat.auth.GigaChatAuth;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpMethods;

/**
 * Builds the upstream HTTP request from a clean slate: every header of the client is dropped, then
 * GigaChat's Authorization, the content headers, the allow-listed client ids, the path and the method
 * (as the enum, never a String: the String form costs a type-converter lookup per request).
 */
public final class UpstreamRequestPreparer implements Processor {

    private final GigaChatAuth defaultAuth;

    public UpstreamRequestPreparer(GigaChatAuth defaultAuth) {
        this.defaultAuth = defaultAuth;
    }

    /** The client's own GigaChat credential in pass-token mode, else the gateway's. */
    static GigaChatAuth authFor(Exchange exchange, GigaChatAuth defaultAuth) {
        GigaChatAuth own = exchange.getProperty(ExchangeKeys.UPSTREAM_AUTH, GigaChatAuth.class);
        return own != null ? own : defaultAuth;
    }

    /**
     * Forgets the last call's request (kept for its retries), so that the next call through the door on this
     * exchange sends the body it finds: another request after a failed one (the Responses front's rebuild of a
     * lost GigaChat thread).
     */
    static void forgetCall(Exchange exchange) {
        exchange.removeProperty(ExchangeKeys.UPSTREAM_BODY);
        exchange.removeProperty(ExchangeKeys.UPSTREAM_ATTEMPTS);
        exchange.removeProperty(ExchangeKeys.UPSTREAM_FAILURE);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = exchange.getProperty(ExchangeKeys.UPSTREAM_BODY, byte[].class);
        if (body != null && message.getBody() instanceof Closeable previousAnswer) {
            // a retry: release the rejected answer's connection before asking again
            closeQuietly(previousAnswer);
        }
        if (body == null && message.getBody() != null) {
            body = message.getBody(byte[].class);
            exchange.setProperty(ExchangeKeys.UPSTREAM_BODY, body);
        }
        message.removeHeaders("*");
        GigaChatAuth auth = authFor(exchange, defaultAuth);
        String authorization = auth.authorization();
        if (authorization != null) {
            message.setHeader("Authorization", authorization);
        }
        exchange.setProperty(ExchangeKeys.UPSTREAM_AUTHORIZATION, authorization);
        exchange.setProperty(ExchangeKeys.UPSTREAM_NEXT, Boolean.TRUE);
        exchange.setProperty(ExchangeKeys.UPSTREAM_ATTEMPTS,
                exchange.getProperty(ExchangeKeys.UPSTREAM_ATTEMPTS, 0, Integer.class) + 1);
        @SuppressWarnings("unchecked")
        Map<String, String> forwarded = exchange.getProperty(ExchangeKeys.FORWARDED_HEADERS, Map.class);
        if (forwarded != null) {
            forwarded.forEach(message::setHeader);
        }
        String accept = exchange.getProperty(ExchangeKeys.UPSTREAM_ACCEPT, String.class);
        if (accept == null) {
            accept = Boolean.TRUE.equals(exchange.getProperty(ExchangeKeys.STREAM)) ? "text/event-stream" : "application/json";
        }
        message.setHeader("Accept", accept);
        message.setHeader(Exchange.HTTP_PATH, exchange.getProperty(ExchangeKeys.UPSTREAM_PATH, String.class));
        HttpMethods method = exchange.getProperty(ExchangeKeys.UPSTREAM_METHOD, HttpMethods.POST, HttpMethods.class);
        message.setHeader(Exchange.HTTP_METHOD, method);
        if (body != null) {
            String contentType = exchange.getProperty(ExchangeKeys.UPSTREAM_CONTENT_TYPE, String.class);
            message.setHeader(Exchange.CONTENT_TYPE, contentType != null ? contentType : "application/json");
            message.setBody(body);
        } else {
            message.setBody(null);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the connection is being given up anyway
        }
    }
}
