package io.gigagate.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gigagate.wire.WireJson;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes an answer to the client, for every front: a JSON answer (status, content type, body, the
 * gateway's own time {@link GatewayTime#HEADER}) or the start of an event stream; none of the request's
 * headers are kept.
 */
final class HttpAnswers {

    private HttpAnswers() {
    }

    /**
     * Starts a server-sent-events answer: status 200, the event-stream headers (no caching, no proxy
     * buffering), GigaChat's request id when known, and the body the web layer reads and flushes event by
     * event. None of the request's headers are kept.
     */
    static void eventStream(Message message, InputStream body, String upstreamRequestId) {
        ClientResponse.reset(message.getExchange(), message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("X-Accel-Buffering", "no"); // tell nginx-style proxies not to buffer the stream
        if (upstreamRequestId != null) {
            message.setHeader("x-request-id", upstreamRequestId);
        }
        message.setBody(body);
    }

    static void json(Message message, int status, Object body) throws JsonProcessingException {
        json(message, status, WireJson.mapper().writeValueAsBytes(body));
    }

    /** The same with the body already written as JSON. */
    static void json(Message message, int status, byte[] json) {
        ClientResponse.reset(message.getExchange(), message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
        GatewayTime.stamp(message); // last: the JSON is part of the gateway's own time
    }
}
