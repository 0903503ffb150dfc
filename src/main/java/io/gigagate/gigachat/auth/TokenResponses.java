package io.gigagate.gigachat.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads GigaChat's two token answers: OAuth's {@code {"access_token", "expires_at"}} and the
 * user/password endpoint's {@code {"tok", "exp"}}. Both give the expiry in epoch milliseconds.
 */
public final class TokenResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenResponses() {
    }

    /** @throws IllegalArgumentException when the body holds no token */
    public static AccessToken parse(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("GigaChat's token response is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("GigaChat's token response is not a JSON object");
        }
        JsonNode token = node.hasNonNull("access_token") ? node.get("access_token") : node.get("tok");
        JsonNode expires = node.hasNonNull("expires_at") ? node.get("expires_at") : node.get("exp");
        if (token == null || !token.isTextual() || token.asText().isEmpty() || expires == null || !expires.isNumber()) {
            throw new IllegalArgumentException("GigaChat's token response has no token or expiry");
        }
        return new AccessToken(token.asText(), toMillis(expires.asLong()));
    }

    /** GigaChat documents milliseconds; one doc example shows seconds, so a 10-digit value is taken as seconds. */
    static long toMillis(long expires) {
        return expires < 100_000_000_000L ? expires * 1000 : expires;
    }
}
