package io.gigagate.camel;

import java.util.Map;

/**
 * One call for {@link UpstreamFanOut}: the JSON body (null for a GET) and the exchange properties the
 * operation needs (e.g. {@link ExchangeKeys#GIGACHAT_FILE_ID}).
 */
public record UpstreamCall(byte[] body, Map<String, Object> properties) {

    public static UpstreamCall json(byte[] body) {
        return new UpstreamCall(body, Map.of());
    }

    public static UpstreamCall withProperty(String name, Object value) {
        return new UpstreamCall(null, Map.of(name, value));
    }
}
