package io.gigagate.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.GatewayException;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}}}, with Anthropic's
 * statuses and type words: 400 {@code invalid_request_error}, 401 {@code authentication_error}, 402
 * {@code billing_error}, 403 {@code permission_error}, 404 {@code not_found_error}, 413
 * {@code request_too_large}, 429 {@code rate_limit_error}, 500 {@code api_error}, 504 {@code timeout_error},
 * and 529 {@code overloaded_error} when GigaChat is unavailable (its 502 and 503, an open circuit breaker,
 * connections that fail). The same body is the data of a stream's {@code error} event.
 */
public final class AnthropicErrors implements ErrorRenderer {

    public static final AnthropicErrors INSTANCE = new AnthropicErrors();

    /** Anthropic's "overloaded" status, which its clients retry. */
    public static final int OVERLOADED = 529;

    private AnthropicErrors() {
    }

    /** The error body. */
    public record Body(@JsonProperty("type") String type, @JsonProperty("error") Error error) {
    }

    /** The error itself. */
    public record Error(@JsonProperty("type") String type, @JsonProperty("message") String message) {
    }

    @Override
    public Body body(GatewayException error) {
        return new Body("error", new Error(type(status(error)), message(error)));
    }

    /**
     * Anthropic's error has no field for the parameter at fault, so a message that does not name it starts with
     * it, as Anthropic's own do ({@code messages[0].role: ...}).
     */
    static String message(GatewayException error) {
        String message = error.getMessage();
        String param = error.param();
        return param == null || message == null || message.contains(param) ? message : param + ": " + message;
    }

    /**
     * The status Anthropic answers this failure with: the statuses Anthropic has keep theirs (the gateway's own
     * 401 for a missing key is one), any other refusal is a 400, and a failure of GigaChat or the gateway is 529
     * (GigaChat unavailable: its 502 and 503), 504 (timeouts) or 500.
     */
    @Override
    public int status(GatewayException error) {
        int status = error.status();
        if (status == 401 || status == 402 || status == 403 || status == 404 || status == 413 || status == 429) {
            return status;
        }
        return switch (error.category()) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case PERMISSION -> 403;
            case RATE_LIMIT -> 429;
            case QUOTA -> 402;
            case SERVER -> status == 502 || status == 503 ? OVERLOADED : status == 504 ? 504 : 500;
        };
    }

    /** Anthropic's {@code error.type} for one of its statuses. */
    public static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case OVERLOADED -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
