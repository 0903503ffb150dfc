package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.GatewayException;

/**
 * Google's error shape, {@code {"error": {"code", "message", "status"}}}: {@code code} is the HTTP status,
 * {@code status} Google's canonical word for it ({@code INVALID_ARGUMENT}, {@code UNAUTHENTICATED},
 * {@code PERMISSION_DENIED}, {@code NOT_FOUND}, {@code RESOURCE_EXHAUSTED}, {@code INTERNAL},
 * {@code UNAVAILABLE}, ...). The same body is a stream's error event.
 */
public final class GeminiErrors implements ErrorRenderer {

    public static final GeminiErrors INSTANCE = new GeminiErrors();

    private GeminiErrors() {
    }

    /** {@code {"error": {...}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorResponse(@JsonProperty("error") Error error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(
            @JsonProperty("code") int code,
            @JsonProperty("message") String message,
            @JsonProperty("status") String status) {
    }

    @Override
    public ErrorResponse body(GatewayException error) {
        return new ErrorResponse(new Error(error.status(), error.getMessage(), status(error.status(), error.category())));
    }

    /** Google's canonical status for an HTTP status (the category decides where the status alone does not). */
    public static String status(int httpStatus, ErrorCategory category) {
        return switch (httpStatus) {
            case 400, 413, 422 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402 -> "RESOURCE_EXHAUSTED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 405, 501 -> "UNIMPLEMENTED";
            case 409 -> "ABORTED";
            case 415 -> "INVALID_ARGUMENT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> switch (category) {
                case INVALID_REQUEST -> "INVALID_ARGUMENT";
                case AUTHENTICATION -> "UNAUTHENTICATED";
                case PERMISSION -> "PERMISSION_DENIED";
                case RATE_LIMIT, QUOTA -> "RESOURCE_EXHAUSTED";
                case SERVER -> httpStatus == 502 ? "UNAVAILABLE" : "INTERNAL";
            };
        };
    }
}
