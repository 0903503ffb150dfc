package io.gigagate.openai;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.GatewayException;

/** OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}, with OpenAI's type words. */
public final class OpenAiErrors implements ErrorRenderer {

    public static final OpenAiErrors INSTANCE = new OpenAiErrors();

    private OpenAiErrors() {
    }

    @Override
    public OpenAiErrorResponse body(GatewayException error) {
        return new OpenAiErrorResponse(new OpenAiErrorResponse.Error(error.getMessage(), type(error.category()),
                error.param(), error.code()));
    }

    /** OpenAI's {@code error.type} for a category. */
    public static String type(ErrorCategory category) {
        return switch (category) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMIT -> "rate_limit_error";
            case QUOTA -> "insufficient_quota";
            case SERVER -> "server_error";
        };
    }
}
