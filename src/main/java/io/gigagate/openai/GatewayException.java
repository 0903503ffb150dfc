package io.gigagate.openai;

import java.util.Map;

/**
 * The one exception every gateway failure becomes before it reaches the client: it carries the
 * HTTP status and the fields of OpenAI's error object, so a single route configuration can render
 * {@code {"error": {...}}} for every route, YAML or Java.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    public GatewayException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, null);
    }

    public GatewayException(int status, String type, String code, String param, String message, Throwable cause) {
        this(status, type, code, param, message, cause, Map.of());
    }

    private GatewayException(int status, String type, String code, String param, String message, Throwable cause,
            Map<String, String> headers) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    /** The same error, answered with these extra response headers (e.g. Retry-After). */
    public GatewayException withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new GatewayException(status, type, code, param, getMessage(), getCause(), merged);
    }

    /** Response headers that belong to this error, such as Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    public static GatewayException invalidRequest(String message, String param) {
        return new GatewayException(400, "invalid_request_error", null, param, message);
    }

    public static GatewayException invalidRequest(String message, String param, String code) {
        return new GatewayException(400, "invalid_request_error", code, param, message);
    }

    public static GatewayException notFound(String message, String code, String param) {
        return new GatewayException(404, "invalid_request_error", code, param, message);
    }

    /** OpenAI's answer for a model id that does not exist: 404, code {@code model_not_found}, param {@code model}. */
    public static GatewayException modelNotFound(String model) {
        return notFound("The model '" + model + "' does not exist or you do not have access to it.",
                "model_not_found", "model");
    }

    public static GatewayException serverError(String message) {
        return new GatewayException(500, "server_error", null, null, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** The OpenAI wire form of this error. */
    public OpenAiErrorResponse toResponse() {
        return new OpenAiErrorResponse(new OpenAiErrorResponse.Error(getMessage(), type, param, code));
    }

    @Override
    public String toString() {
        return "GatewayException[" + status + " " + type + (code == null ? "" : "/" + code)
                + (param == null ? "" : " param=" + param) + "]: " + getMessage();
    }
}
