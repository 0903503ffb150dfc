package io.gigagate.camel;

/** Names of the exchange properties the gateway's routes share, in one place. */
public final class ExchangeKeys {

    /** The parsed OpenAI request, kept for the response mapping. */
    public static final String OPENAI_REQUEST = "gigagate.openaiRequest";
    /** Whether the client asked for a stream ({@code Boolean}). */
    public static final String STREAM = "gigagate.stream";
    /** Client headers from the allow-list, forwarded to GigaChat ({@code Map<String, String>}). */
    public static final String FORWARDED_HEADERS = "gigagate.forwardedHeaders";
    /** Path below GigaChat's base URL, e.g. {@code /chat/completions}. */
    public static final String UPSTREAM_PATH = "gigagate.upstreamPath";
    /** {@link org.apache.camel.component.http.HttpMethods} of the upstream call. */
    public static final String UPSTREAM_METHOD = "gigagate.upstreamMethod";
    /** Request body of the upstream call, kept so a retry can send it again. */
    public static final String UPSTREAM_BODY = "gigagate.upstreamBody";
    /** The Authorization value the last upstream attempt used. */
    public static final String UPSTREAM_AUTHORIZATION = "gigagate.upstreamAuthorization";
    /** Number of upstream attempts made for this exchange. */
    public static final String UPSTREAM_ATTEMPTS = "gigagate.upstreamAttempts";
    /** What the upstream call was for, used in error messages ("chat", "models", ...). */
    public static final String UPSTREAM_OPERATION = "gigagate.upstreamOperation";

    /**
     * A model chosen by the route instead of the client's (a customisation, e.g. from a header): set it
     * before {@code chatRequestProcessor}; aliases apply to it as to the client's model.
     */
    public static final String MODEL_OVERRIDE = "gigagate.modelOverride";
    /** The GigaChat model the request was sent to, for metrics. */
    public static final String MODEL = "gigagate.model";
    /** Name of the client's API key, set by the security step; metrics say "anonymous" without it. */
    public static final String API_KEY_NAME = "gigagate.apiKeyName";
    /** Prompt tokens GigaChat reported for this exchange ({@code Integer}), for metrics. */
    public static final String PROMPT_TOKENS = "gigagate.promptTokens";
    /** Completion tokens GigaChat reported for this exchange ({@code Integer}), for metrics. */
    public static final String COMPLETION_TOKENS = "gigagate.completionTokens";
    /** How a streamed answer ended: {@code completed} or {@code disconnected} (the client went away). */
    public static final String STREAM_OUTCOME = "gigagate.streamOutcome";
    /** Milliseconds spent inside the upstream HTTP calls of this exchange ({@code Long}), for metrics. */
    public static final String UPSTREAM_MILLIS = "gigagate.upstreamMillis";

    private ExchangeKeys() {
    }
}
