package io.gigagate.camel;

import io.gigagate.gigachat.auth.GigaChatAuth;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpMethods;

/**
 * The one door to GigaChat's REST API. Every upstream call goes through {@code direct:gigachat-call}:
 * a clean request with GigaChat's auth, camel-http on the pooled client, one re-authentication and
 * retry on a 401, and GigaChat's error answers turned into typed gateway errors. The small
 * {@code direct:gigachat-*} routes name the operations the public routes call.
 *
 * <p>These routes have no error handler of their own: failures travel back to the public route that
 * called them, whose route configuration renders the OpenAI error.
 */
public final class GigaChatUpstreamRoutes extends RouteBuilder {

    private final String upstreamUri;
    private final GigaChatAuth auth;

    /**
     * @param baseUrl GigaChat's API base, e.g. {@code https://gigachat.devices.sberbank.ru/api/v1}
     * @param responseTimeoutMillis how long to wait for GigaChat's answer
     */
    public GigaChatUpstreamRoutes(String baseUrl, long responseTimeoutMillis, GigaChatAuth auth) {
        this.upstreamUri = UpstreamUris.of(baseUrl, "throwExceptionOnFailure=false&responseTimeout=" + responseTimeoutMillis);
        this.auth = auth;
    }

    @Override
    public void configure() {
        UpstreamRequestPreparer prepare = new UpstreamRequestPreparer(auth);

        from("direct:gigachat-call").routeId("gigachat-call")
                .errorHandler(noErrorHandler())
                .process(prepare)
                .to(upstreamUri)
                .filter(new UpstreamUnauthorized(auth))
                    .log("GigaChat rejected the access token; re-authenticating and retrying once")
                    .process(prepare)
                    .to(upstreamUri)
                .end()
                .process(new UpstreamErrorRaiser());

        from("direct:gigachat-chat").routeId("gigachat-chat")
                .errorHandler(noErrorHandler())
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant("chat"))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant("/chat/completions"))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(HttpMethods.POST))
                .to("direct:gigachat-call");

        from("direct:gigachat-models").routeId("gigachat-models")
                .errorHandler(noErrorHandler())
                .setProperty(ExchangeKeys.UPSTREAM_OPERATION, constant("models"))
                .setProperty(ExchangeKeys.UPSTREAM_PATH, constant("/models"))
                .setProperty(ExchangeKeys.UPSTREAM_METHOD, constant(HttpMethods.GET))
                .setBody(constant((Object) null))
                .to("direct:gigachat-call");
    }
}
