package io.gigagate.error;

/**
 * What kind of failure a {@link GatewayException} is, independent of any front's wire words. Each front's
 * error renderer names it in its own vocabulary (OpenAI's {@code type}, Anthropic's {@code error.type},
 * Gemini's {@code status}); the HTTP status travels beside it, so one category can answer several
 * statuses (a 404 and a 413 are both {@link #INVALID_REQUEST} to OpenAI).
 */
public enum ErrorCategory {
    /** The request is wrong: malformed, invalid values, unknown model or resource, too large. */
    INVALID_REQUEST,
    /** No or a wrong credential (the gateway's API key, or GigaChat refused the gateway's own). */
    AUTHENTICATION,
    /** A valid credential that may not do this. */
    PERMISSION,
    /** Too many requests: a per-key or per-model limit, or GigaChat's 429. */
    RATE_LIMIT,
    /** The account's quota is used up (GigaChat's 402). */
    QUOTA,
    /** The gateway or GigaChat failed: timeouts, broken connections, GigaChat's 5xx, bugs. */
    SERVER
}
