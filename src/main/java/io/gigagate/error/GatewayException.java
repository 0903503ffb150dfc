package io.gigagate.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception every gateway failure becomes before it reaches the client: the HTTP status, a
 * front-neutral {@link ErrorCategory}, a machine-readable code, the request field at fault and a message
 * safe to show. It names no front's wire words: each front's error route configuration renders it in
 * that front's shape ({@code io.gigagate.openai.OpenAiErrors} for OpenAI's {@code {"error": {...}}}).
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final ErrorCategory category;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    public GatewayException(int status, ErrorCategory category, String code, String param, String message) {
        this(status, category, code, param, message, null);
    }

    public GatewayException(int status, ErrorCategory category, String code, String param, String message, Throwable cause) {
        this(status, category, code, param, message, cause, Map.of());
    }

    private GatewayException(int status, ErrorCategory category, String code, String param, String message, Throwable cause,
            Map<String, String> headers) {
        super(message, cause);
        this.status = status;
        this.category = category;
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    /** The same error, answered with these extra response headers (e.g. Retry-After). */
    public GatewayException withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new GatewayException(status, category, code, param, getMessage(), getCause(), merged);
    }

    /** Response headers that belong to this error, such as Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    public static GatewayException invalidRequest(String message, String param) {
        return new GatewayException(400, ErrorCategory.INVALID_REQUEST, null, param, message);
    }

    public static GatewayException invalidRequest(String message, String param, String code) {
        return new GatewayException(400, ErrorCategory.INVALID_REQUEST, code, param, message);
    }

    public static GatewayException notFound(String message, String code, String param) {
        return new GatewayException(404, ErrorCategory.INVALID_REQUEST, code, param, message);
    }

    /** OpenAI's answer for a model id that does not exist: 404, code {@code model_not_found}, param {@code model}. */
    public static GatewayException modelNotFound(String model) {
        return notFound("The model '" + model + "' does not exist or you do not have access to it.",
                "model_not_found", "model");
    }

    /** 413 {@code request_too_large}: a body above the gateway's limit, refused before it is read. */
    public static GatewayException requestTooLarge(long maxBytes) {
        return new GatewayException(413, ErrorCategory.INVALID_REQUEST, "request_too_large", null,
                "Request body too large: the limit is " + maxBytes + " bytes.");
    }

    public static GatewayException serverError(String message) {
        return new GatewayException(500, ErrorCategory.SERVER, null, null, message);
    }

    public int status() {
        return status;
    }

    public ErrorCategory category() {
        return category;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    @Override
    public String toString() {
        return "GatewayException[" + status + " " + category + (code == null ? "" : "/" + code)
                + (param == null ? "" : " param=" + param) + "]: " + getMessage();
    }
}
