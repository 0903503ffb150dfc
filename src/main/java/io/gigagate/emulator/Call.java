package io.gigagate.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request routed to a {@link Handler}: the exchange, the request as recorded, the correlation headers every
 * answer carries (none on the OAuth host) and the path's {@code {name}} values.
 */
final class Call {

    private final HttpExchange exchange;
    private final RecordedRequest request;
    private final Map<String, String> correlation;
    private final Map<String, String> params;

    Call(HttpExchange exchange, RecordedRequest request, Map<String, String> correlation,
         Map<String, String> params) {
        this.exchange = exchange;
        this.request = request;
        this.correlation = correlation;
        this.params = params;
    }

    HttpExchange exchange() {
        return exchange;
    }

    RecordedRequest request() {
        return request;
    }

    /** X-Request-Id, X-Session-Id, X-Client-Id for the answer (empty on the OAuth host). */
    Map<String, String> correlation() {
        return correlation;
    }

    /** The path segment the pattern's {@code {name}} matched, or null. */
    String param(String name) {
        return params.get(name);
    }

    /** Answers status with a JSON body ({@code application/json; charset=utf-8}) and the correlation headers. */
    void json(int status, JsonNode body) throws IOException {
        EmulatorContext.sendJson(exchange, status, body, correlation, EmulatorContext.JSON_UTF8);
    }

    /** Answers status with a JSON body, the correlation headers plus headers, as contentType. */
    void json(int status, JsonNode body, Map<String, String> headers, String contentType) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(correlation);
        h.putAll(headers);
        EmulatorContext.sendJson(exchange, status, body, h, contentType);
    }

    /** Answers status with raw bytes as contentType, and the correlation headers. */
    void bytes(int status, byte[] body, String contentType) throws IOException {
        EmulatorContext.send(exchange, status, body, correlation, contentType);
    }

    /** The body as a JSON object, or GigaChat's 400 "Your request contains invalid JSON syntax.". */
    JsonNode jsonObject() {
        JsonNode n;
        try {
            n = EmulatorContext.JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw invalidJson();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == null || n.isMissingNode() || !n.isObject()) {
            throw invalidJson();
        }
        return n;
    }

    private static ApiError invalidJson() {
        return ApiError.of(400, "Your request contains invalid JSON syntax.");
    }

    /** root.field as a list of strings, or 422 "Invalid params: FIELD must be an array of strings". */
    static List<String> stringArray(JsonNode root, String field) {
        JsonNode in = root.get(field);
        if (in == null || !in.isArray()) {
            throw ApiError.invalidParams(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : in) {
            if (!s.isTextual()) {
                throw ApiError.invalidParams(field + " must be an array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }
}
