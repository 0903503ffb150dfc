package io.gigagate.camel;

import java.util.List;

/** Names of the exchange properties the gateway's routes share, in one place. */
public final class ExchangeKeys {

    /** What the chat steps decided for this call ({@link ChatCall}): the chat request, model and functions. */
    public static final String CHAT_CALL = "gigagate.chatCall";
    /**
     * A front's own parsed request when it is not the chat request itself (an embeddings, completions or
     * images request; later a Responses, Anthropic or Gemini request), kept for that front's answer.
     */
    public static final String FRONT_REQUEST = "gigagate.frontRequest";
    /**
     * Whether this exchange answers with a stream ({@code Boolean}): the chat steps set it from the request;
     * the upstream door asks GigaChat for SSE by it, and the metrics count streams by it.
     */
    public static final String STREAM = "gigagate.stream";
    /**
     * Whether the chat request asks for several choices ({@code n}, Gemini's {@code candidateCount} &gt; 1),
     * answered by one GigaChat call per choice ({@code Boolean}, set by the chat steps). The routes test it as
     * a plain property: Camel's simple language reaching into {@link #CHAT_CALL} for {@code choices} cost
     * about a twelfth of a chat request's CPU samples.
     */
    public static final String FAN_OUT = "gigagate.fanOut";
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
    /** Accept header of the upstream call when it is not JSON or SSE (a file's bytes); unset means by {@link #STREAM}. */
    public static final String UPSTREAM_ACCEPT = "gigagate.upstreamAccept";
    /** Content-Type of a byte[] upstream body when it is not JSON (a multipart upload carries its boundary). */
    public static final String UPSTREAM_CONTENT_TYPE = "gigagate.upstreamContentType";
    /**
     * A stable, non-reversible id of the client's own GigaChat credential in pass-token mode (unset
     * otherwise), for scoping per-credential caches such as uploaded files.
     */
    public static final String UPSTREAM_CREDENTIAL = "gigagate.upstreamCredential";
    /**
     * The GigaChat file ids of a chat request's image, audio and file parts ({@code ContentAttachments}):
     * the attachments step's answer to the chat steps.
     */
    public static final String CONTENT_ATTACHMENTS = "gigagate.contentAttachments";
    /** GigaChat file id for {@code direct:gigachat-file-content} and the other per-file operations. */
    public static final String GIGACHAT_FILE_ID = "gigagate.gigachatFileId";
    /** What the upstream call is for ({@link io.gigagate.gigachat.GigaChatOperation}): metrics, and what a 404 means. */
    public static final String UPSTREAM_OPERATION = "gigagate.upstreamOperation";

    /** Headers every answer to this exchange carries, decided by the access policy (CORS), {@code Map<String, String>}. */
    public static final String RESPONSE_HEADERS = "gigagate.responseHeaders";
    /** The authenticated API key's name ({@code String}), set by {@link AccessPolicyStep}; "anonymous" when keys are off. */
    public static final String API_KEY_NAME = "gigagate.apiKeyName";
    /** The GigaChat auth for this exchange when it differs from the gateway's own (pass-token mode). */
    public static final String UPSTREAM_AUTH = "gigagate.upstreamAuth";
    /** The GigaChat model this exchange calls, for per-model limits. */
    public static final String GIGACHAT_MODEL = "gigagate.gigachatModel";

    /** Whether the door makes another upstream attempt ({@code Boolean}). */
    public static final String UPSTREAM_NEXT = "gigagate.upstreamNext";
    /** The connection failure of the last upstream attempt, if it failed that way. */
    public static final String UPSTREAM_FAILURE = "gigagate.upstreamFailure";

    /** What a call made on the client's behalf in a separate exchange (fan-out) must carry along. */
    public static final List<String> CLIENT_CONTEXT = List.of(FORWARDED_HEADERS, UPSTREAM_AUTH,
            API_KEY_NAME, GIGACHAT_MODEL);
    /**
     * A model chosen by the route instead of the client's (a customisation, e.g. from a header): set it
     * before {@code chatRequestProcessor}; aliases apply to it as to the client's model.
     */
    public static final String MODEL_OVERRIDE = "gigagate.modelOverride";
    /**
     * GigaChat built-in tools a front's request step found among its vendor's tools
     * ({@code List<io.gigagate.gigachat.BuiltInTool.Requested>}), for the chat step to serve or leave out.
     */
    public static final String BUILT_IN_TOOLS = "gigagate.builtInTools";
    /** The error shape of this exchange when not its route configuration's ({@code ErrorRenderer}): another front's clients on a shared path. */
    public static final String ERROR_RENDERER = "gigagate.errorRenderer";
    /** A chat request's input tokens as GigaChat counts them ({@code Integer}), left by {@code direct:chat-input-tokens}. */
    public static final String INPUT_TOKENS = "gigagate.inputTokens";
    /** Prompt tokens GigaChat reported for this exchange ({@code Integer}), for metrics. */
    public static final String PROMPT_TOKENS = "gigagate.promptTokens";
    /** Completion tokens GigaChat reported for this exchange ({@code Integer}), for metrics. */
    public static final String COMPLETION_TOKENS = "gigagate.completionTokens";
    /** How a streamed answer ended: {@code completed} or {@code disconnected} (the client went away). */
    public static final String STREAM_OUTCOME = "gigagate.streamOutcome";
    /** Milliseconds spent inside the upstream HTTP calls of this exchange ({@code Long}), for metrics. */
    public static final String UPSTREAM_MILLIS = "gigagate.upstreamMillis";
    /** Prompt tokens GigaChat served from its cache ({@code Integer}, its {@code precached_prompt_tokens}), for usage records. */
    public static final String CACHED_TOKENS = "gigagate.cachedTokens";
    /** For streams: milliseconds from the request's start until the first event was ready ({@code Long}), for usage records. */
    public static final String FIRST_EVENT_MILLIS = "gigagate.firstEventMillis";
    /**
     * The model the client asked for ({@code String}) when the front's request is not a chat request (the chat
     * steps' {@link #CHAT_CALL} carries it otherwise), for usage records.
     */
    public static final String REQUESTED_MODEL = "gigagate.requestedModel";
    /** The client's request as the verbose log writes it (secrets masked, truncated), when content capture is on. */
    public static final String CAPTURED_CONTENT = "gigagate.capturedContent";
    /**
     * GigaChat's storage thread id ({@code String}, v2's top-level {@code thread_id}) of a JSON chat answer that
     * asked for storage; set by the v2 door's answer translation, read by the Responses front to store it.
     */
    public static final String UPSTREAM_THREAD_ID = "gigagate.upstreamThreadId";

    private ExchangeKeys() {
    }
}
