package io.gigagate.camel;

import io.gigagate.gigachat.auth.GigaChatAuth;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpMethods;

/**
 * The one door to GigaChat's REST API. Every upstream call goes through {@code direct:gigachat-call}
 * (JSON answers, read whole) or {@code direct:gigachat-stream-call} (SSE answers, handed on as a live
 * stream): a clean request with GigaChat's auth, camel-http on the pooled client, one
 * re-authentication and retry on a 401, and GigaChat's error answers turned into typed gateway
 * errors. The small {@code direct:gigachat-*} routes name the operations the public routes call.
 *
 * <p>These routes have no error handler of their own: failures travel back to the public route that
 * called them, whose route configuration renders the OpenAI error.
 */
public final class GigaChatUpstreamRoutes extends RouteBuilder {

    private final String jsonUri;
    private final String streamUri;
    private final GigaChatAuth auth;

    /**
     * @param baseUrl GigaChat's API base, e.g. {@code https://gigachat.devices.sberbank.ru/api/v1}
     * @param responseTimeoutMillis how long to wait for a JSON answer
     * @param streamIdleTimeoutMillis how long a stream may stay silent between two events
     */
    public GigaChatUpstreamRoutes(String baseUrl, long responseTimeoutMillis, long streamIdleTimeoutMillis, GigaChatAuth auth) {
        this.jsonUri = UpstreamUris.of(baseUrl, "throwExceptionOnFailure=false&responseTimeout=" + responseTimeoutMillis);
        this.streamUri = UpstreamUris.of(baseUrl, "throwExceptionOnFailure=false&disableStreamCache=true&responseTimeout="
                + streamIdleTimeoutMillis);
        this.auth = auth;
    }

    @Override
    public void configure() {
        door("direct:gigachat-call", "gigachat-call", jsonUri);
        door("direct:gigachat-stream-call", "gigachat-stream-call", streamUri);

        operation("chat", "/chat/completions", HttpMethods.POST, "direct:gigachat-call");
        operation("chat-stream", "/chat/completions", HttpMethods.POST, "direct:gigachat-stream-call");

        from("direct:gigachat-models").routeId("gigachat-models")
                .errorHandler(noErrorHandler())
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant("models"))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant("/models"))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(HttpMethods.GET))
                .setBody(constant((Object) null))
                .to("direct:gigachat-call");

        // the account's remaining tokens per usage (pay-as-you-go accounts answer 403); polled for metrics
        from("direct:gigachat-balance").routeId("gigachat-balance")
                .errorHandler(noErrorHandler())
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant("balance"))
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
                .process(prepare)
                .to(uri)
                .filter(new UpstreamUnauthorized(auth))
                    .log("GigaChat rejected the access token; re-authenticating and retrying once")
                    .process(prepare)
                    .to(uri)
                .end()
                .process(new UpstreamErrorRaiser());
    }

    /** {@code direct:gigachat-<name>}: one GigaChat operation, through the given door. */
    private void operation(String name, String path, HttpMethods method, String door) {
        from("direct:gigachat-" + name).routeId("gigachat-" + name)
                .errorHandler(noErrorHandler())
                .noStreamCaching()
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant(name.startsWith("chat") ? "chat" : name))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant(path))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(method))
                .to(door);
    }
}
