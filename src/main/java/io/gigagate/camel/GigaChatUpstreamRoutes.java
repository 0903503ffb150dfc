package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.GigaChatFileIds;
import io.gigagate.gigachat.GigaChatOperation;
import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.resilience.RetryPolicy;
import java.io.IOException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpMethods;

/**
 * The one door to GigaChat's REST API. Every upstream call goes through {@code direct:gigachat-call}
 * (JSON answers, read whole) or {@code direct:gigachat-stream-call} (SSE answers, handed on as a live
 * stream): a clean request with GigaChat's auth, camel-http on the pooled client, the attempts the
 * retry policy allows (a fresh token after a 401, a rested credential after a pooled refusal, backoff
 * on 429/5xx and broken connections), and GigaChat's error answers turned into typed gateway errors.
 * The small {@code direct:gigachat-*} routes name the operations the public routes call. The door asks
 * the upstream circuit breaker first, so a GigaChat outage fails fast instead of piling up.
 *
 * <p>These routes have no error handler of their own: failures travel back to the public route that
 * called them, whose route configuration renders the OpenAI error.
 */
public final class GigaChatUpstreamRoutes extends RouteBuilder {

    /** Registry name of the Resilience4j circuit breaker guarding GigaChat. */
    public static final String CIRCUIT_BREAKER = "gigaChatCircuitBreaker";

    private final String jsonUri;
    private final String streamUri;
    private final String jsonUriV2;
    private final String streamUriV2;
    private final GigaChatApiModes apiModes;
    private final GigaChatAuth auth;
    private final RetryPolicy retryPolicy;
    private final ModelSlot modelSlot;
    private final TrafficLog traffic;
    private final UpstreamBreaker breaker;

    /**
     * @param baseUrl GigaChat's API base, e.g. {@code https://gigachat.devices.sberbank.ru/api/v1}
     * @param apiModes which chat contract (v1, v2) each model is called with
     * @param responseTimeoutMillis how long to wait for a JSON answer
     * @param streamIdleTimeoutMillis how long a stream may stay silent between two events
     */
    public GigaChatUpstreamRoutes(String baseUrl, GigaChatApiModes apiModes, long responseTimeoutMillis,
            long streamIdleTimeoutMillis, GigaChatAuth auth, RetryPolicy retryPolicy, UpstreamBreaker breaker,
            ModelSlot modelSlot, TrafficLog traffic) {
        String jsonOptions = "throwExceptionOnFailure=false&responseTimeout=" + responseTimeoutMillis;
        String streamOptions = "throwExceptionOnFailure=false&disableStreamCache=true&responseTimeout="
                + streamIdleTimeoutMillis;
        this.jsonUri = UpstreamUris.of(baseUrl, jsonOptions);
        this.streamUri = UpstreamUris.of(baseUrl, streamOptions);
        this.apiModes = apiModes;
        String v2BaseUrl = apiModes.anyV2() ? GigaChatApiModes.v2BaseUrl(baseUrl) : null;
        this.jsonUriV2 = v2BaseUrl == null ? null : UpstreamUris.of(v2BaseUrl, jsonOptions);
        this.streamUriV2 = v2BaseUrl == null ? null : UpstreamUris.of(v2BaseUrl, streamOptions);
        this.auth = auth;
        this.retryPolicy = retryPolicy;
        this.modelSlot = modelSlot;
        this.traffic = traffic;
        this.breaker = breaker;
    }

    @Override
    public void configure() {
        door("direct:gigachat-call", "gigachat-call", jsonUri);
        door("direct:gigachat-stream-call", "gigachat-stream-call", streamUri);

        if (apiModes.anyV2()) {
            // GigaChat's v2 chat contract: the same door on the v2 base URL, the v1 request translated on the
            // way in and the answer on the way out (a stream's events are translated as they are read)
            door("direct:gigachat-call-v2", "gigachat-call-v2", jsonUriV2);
            door("direct:gigachat-stream-call-v2", "gigachat-stream-call-v2", streamUriV2);
            chatOperation("chat", GigaChatOperation.CHAT, "direct:gigachat-call", "direct:gigachat-call-v2", true);
            chatOperation("chat-stream", GigaChatOperation.CHAT_STREAM, "direct:gigachat-stream-call",
                    "direct:gigachat-stream-call-v2", false);
        } else {
            operation("chat", GigaChatOperation.CHAT, "/chat/completions", HttpMethods.POST, "direct:gigachat-call");
            operation("chat-stream", GigaChatOperation.CHAT_STREAM, "/chat/completions", HttpMethods.POST,
                    "direct:gigachat-stream-call");
        }
        operation("models", GigaChatOperation.MODELS, "/models", HttpMethods.GET, "direct:gigachat-call");
        operation("embeddings", GigaChatOperation.EMBEDDINGS, "/embeddings", HttpMethods.POST, "direct:gigachat-call");
        operation("tokens-count", GigaChatOperation.TOKENS_COUNT, "/tokens/count", HttpMethods.POST, "direct:gigachat-call");

        // a chat request's input tokens, for the fronts' count-tokens endpoints: called right after the chat
        // steps (body = the GigaChat chat request), leaves the total in INPUT_TOKENS; no texts, no call
        InputTokens inputTokens = new InputTokens();
        from("direct:chat-input-tokens").routeId("chat-input-tokens")
                .errorHandler(noErrorHandler())
                .process(inputTokens::request)
                .filter(body().isNotNull())
                    .to("direct:gigachat-tokens-count")
                    .process(inputTokens::response)
                .end();

        // one choice's stream of several (n > 1): its connection's clean-up moves to the client's
        // exchange, so the stream lives until the interleaved answer has been written
        from("direct:gigachat-chat-stream-choice").routeId("gigachat-chat-stream-choice")
                .errorHandler(noErrorHandler())
                .noStreamCaching()
                .to("direct:gigachat-chat-stream")
                .process(exchange -> exchange.getExchangeExtension().handoverCompletions(
                        exchange.getProperty(ChatStreamChoicesProcessor.PARENT, org.apache.camel.Exchange.class)));

        // files: the multipart body is built by the caller (UPSTREAM_CONTENT_TYPE carries its boundary)
        operation("file-upload", GigaChatOperation.FILE_UPLOAD, "/files", HttpMethods.POST, "direct:gigachat-call");
        operation("files", GigaChatOperation.FILES, "/files", HttpMethods.GET, "direct:gigachat-call");
        // one file by the id in an exchange property (checked to be an id, so it cannot walk the path);
        // content is binary, hence its own Accept
        fileOperation("file", GigaChatOperation.FILE, "", HttpMethods.GET, null);
        fileOperation("file-content", GigaChatOperation.FILE_CONTENT, "/content", HttpMethods.GET, "application/octet-stream");
        fileOperation("file-delete", GigaChatOperation.FILE_DELETE, "/delete", HttpMethods.POST, null);

        // the account's remaining tokens per usage (pay-as-you-go accounts answer 403); polled for metrics
        from("direct:gigachat-balance").routeId("gigachat-balance")
                .errorHandler(noErrorHandler())
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant(GigaChatOperation.BALANCE))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant("/balance"))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(HttpMethods.GET))
                .setBody(constant((Object) null))
                .to("direct:gigachat-call");
    }

    private void door(String endpoint, String routeId, String uri) {
        UpstreamRequestPreparer prepare = new UpstreamRequestPreparer(auth);
        from(endpoint).routeId(routeId)
                .errorHandler(noErrorHandler())
                .noStreamCaching()
                .process(modelSlot)
                .process(breaker.permit())
                .process(prepare)
                .loopDoWhile(exchangeProperty(ExchangeKeys.UPSTREAM_NEXT).isEqualTo(true))
                    .process(traffic.upstreamRequest())
                    .doTry()
                        .to(uri)
                        .process(traffic.upstreamResponse())
                    .doCatch(IOException.class)
                        .setProperty(ExchangeKeys.UPSTREAM_FAILURE, exchangeProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT))
                    .end()
                    .process(new UpstreamAttempts(auth, retryPolicy, prepare))
                .end()
                .process(new UpstreamErrorRaiser(breaker));
    }

    /** {@code direct:gigachat-<name>}: {@code /files/{id}<suffix>}, the id in {@link ExchangeKeys#GIGACHAT_FILE_ID}. */
    private void fileOperation(String name, GigaChatOperation operation, String suffix, HttpMethods method, String accept) {
        from("direct:gigachat-" + name).routeId("gigachat-" + name)
                .errorHandler(noErrorHandler())
                .noStreamCaching()
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant(operation))
                .process(exchange -> exchange.setProperty(ExchangeKeys.UPSTREAM_PATH, "/files/"
                        + GigaChatFileIds.checked(exchange.getProperty(ExchangeKeys.GIGACHAT_FILE_ID, String.class))
                        + suffix))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(method))
                .process(exchange -> {
                    if (accept != null) {
                        exchange.setProperty(ExchangeKeys.UPSTREAM_ACCEPT, accept);
                    }
                })
                .setBody(constant((Object) null))
                .to("direct:gigachat-call");
    }

    /**
     * {@code direct:gigachat-<name>} for a chat: through the v1 door, or, for a model on the v2 contract,
     * translated to v2 and through the v2 door (its JSON answer translated back when {@code readsAnswer}).
     */
    private void chatOperation(String name, GigaChatOperation operation, String v1Door, String v2Door,
            boolean readsAnswer) {
        V2Translation v2 = new V2Translation();
        from("direct:gigachat-" + name).routeId("gigachat-" + name)
                .errorHandler(noErrorHandler())
                .noStreamCaching()
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant(operation))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant("/chat/completions"))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(HttpMethods.POST))
                .choice()
                    .when(exchange -> apiModes.isV2(exchange.getProperty(ExchangeKeys.GIGACHAT_MODEL, String.class)))
                        .process(v2::request)
                        .to(v2Door)
                        .process(exchange -> {
                            if (readsAnswer) {
                                v2.answer(exchange);
                            }
                        })
                    .endChoice()
                    .otherwise()
                        .to(v1Door)
                .end();
    }

    /** {@code direct:gigachat-<name>}: one GigaChat operation, through the given door, inside the breaker. */
    private void operation(String name, GigaChatOperation operation, String path, HttpMethods method, String door) {
        from("direct:gigachat-" + name).routeId("gigachat-" + name)
                .errorHandler(noErrorHandler())
                .noStreamCaching()
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant(operation))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant(path))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(method))
                .to(door);
    }
}
