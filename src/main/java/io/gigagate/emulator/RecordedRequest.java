package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the emulator received it.
 *
 * @param method     HTTP method
 * @param path       decoded path without the query, e.g. {@code /api/v1/chat/completions}
 * @param query      raw query string, or null
 * @param headers    request headers; the map is case-insensitive, but prefer {@link #header(String)}
 * @param body       raw body bytes (never null)
 * @param receivedAt when the request arrived
 * @param clientPort the caller's port: requests with the same one came over the same connection
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body, Instant receivedAt, int clientPort) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null) {
                    copy.put(k, List.copyOf(v));
                }
            });
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    /** First value of the header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All values of the header (case-insensitive); empty if absent. */
    public List<String> headerValues(String name) {
        List<String> v = headers.get(name);
        return v == null ? List.of() : v;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON, or null if it is empty or not JSON. */
    public JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            return EmulatorContext.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A chat request's body as the v1 contract spells it: a v1 request's JSON as it is, a v2 request's
     * ({@code /api/v2/...}) read the way the emulator reads it, so that a test asserts the same on either
     * contract. Null if the body is not JSON.
     */
    public JsonNode chat() {
        JsonNode json = json();
        return json == null || !path.startsWith("/api/v2/") ? json : V2Wire.toInternal(json, null);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " (" + body.length + " bytes)";
    }
}
