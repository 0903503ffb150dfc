package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The one place where a GigaChat error becomes the OpenAI error the client sees. GigaChat's own
 * text is kept ("GigaChat: No such model"), shortened and with anything that looks like a token
 * or key masked; request headers are never part of it.
 */
public final class GigaChatErrors {

    private static final int MAX_MESSAGE = 300;
    /** Long base64/base64url/hex runs: bearer tokens, authorization keys. */
    private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9+/_=]{32,}");

    private GigaChatErrors() {
    }

    /**
     * A GigaChat API error ({@code {"status","message"}}, OAuth's {@code {"code","message"}}, or
     * not JSON at all) as a {@link GatewayException} with OpenAI's type and code for its status.
     */
    public static GatewayException fromResponse(int status, byte[] body, GigaChatOperation upstreamOperation) {
        String message = "GigaChat: " + upstreamMessage(body, status);
        return switch (status) {
            case 400 -> new GatewayException(400, ErrorCategory.INVALID_REQUEST, null, null, message);
            case 401 -> new GatewayException(401, ErrorCategory.AUTHENTICATION, "invalid_api_key", null, message);
            case 402 -> new GatewayException(402, ErrorCategory.QUOTA, "insufficient_quota", null, message);
            case 403 -> new GatewayException(403, ErrorCategory.PERMISSION, null, null, message);
            case 404 -> upstreamOperation != null && upstreamOperation.modelNotFoundOn404()
                    ? new GatewayException(404, ErrorCategory.INVALID_REQUEST, "model_not_found", "model", message)
                    : new GatewayException(404, ErrorCategory.INVALID_REQUEST, "not_found", null, message);
            case 413 -> new GatewayException(413, ErrorCategory.INVALID_REQUEST, "request_too_large", null, message);
            case 422 -> new GatewayException(422, ErrorCategory.INVALID_REQUEST, null, null, message);
            case 429 -> new GatewayException(429, ErrorCategory.RATE_LIMIT, "rate_limit_exceeded", null, message);
            case 500 -> new GatewayException(500, ErrorCategory.SERVER, null, null, message);
            case 502, 503, 504 -> new GatewayException(status, ErrorCategory.SERVER, "service_unavailable", null, message);
            default -> status >= 400 && status < 500
                    ? new GatewayException(status, ErrorCategory.INVALID_REQUEST, null, null, message)
                    : new GatewayException(502, ErrorCategory.SERVER, null, null, message);
        };
    }

    /**
     * A failed token request to GigaChat's OAuth host: the client's request cannot be authorised
     * upstream, so 401 {@code gigachat_auth_failed} naming OAuth's code and message (never the
     * credentials). An OAuth host that is itself failing (5xx) is a 502, not the client's fault.
     */
    public static GatewayException fromOAuth(int status, byte[] body) {
        GigaChatErrorBody parsed = parse(body);
        StringBuilder detail = new StringBuilder("GigaChat authentication failed (OAuth HTTP ").append(status);
        if (parsed != null && parsed.code() != null) {
            detail.append(", code ").append(parsed.code());
        }
        detail.append("): ").append(upstreamMessage(body, status));
        if (status >= 500) {
            return new GatewayException(502, ErrorCategory.SERVER, "gigachat_auth_failed", null, detail.toString());
        }
        return new GatewayException(401, ErrorCategory.AUTHENTICATION, "gigachat_auth_failed", null, detail.toString());
    }

    /** GigaChat's message, else the body's text, else the status; always short and masked. */
    static String upstreamMessage(byte[] body, int status) {
        GigaChatErrorBody parsed = parse(body);
        String text;
        if (parsed != null && parsed.message() != null && !parsed.message().isBlank()) {
            text = parsed.message();
        } else if (parsed == null && body != null && body.length > 0) {
            text = new String(body, StandardCharsets.UTF_8);
        } else {
            text = "HTTP " + status;
        }
        return sanitize(text);
    }

    static String sanitize(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        String masked = SECRET_LIKE.matcher(oneLine).replaceAll("***");
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "...";
    }

    /** Read leniently: any field may be missing or of an unexpected type; null when not a JSON object. */
    static GigaChatErrorBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode tree = WireJson.mapper().readTree(body);
            if (tree == null || !tree.isObject()) {
                return null;
            }
            JsonNode message = tree.get("message");
            return new GigaChatErrorBody(intOrNull(tree.get("status")), intOrNull(tree.get("code")),
                    message == null || message.isNull() ? null
                            : message.isTextual() ? message.asText() : message.toString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Integer intOrNull(JsonNode node) {
        return node != null && node.canConvertToInt() && node.isNumber() ? node.asInt() : null;
    }
}
