package io.gigagate.camel;

import org.apache.camel.builder.RouteBuilder;

/**
 * Token endpoints: OAuth with an authorization key ({@code GIGACHAT_AUTH_URL}) and the user/password
 * endpoint ({@code {base}/token}). The caller ({@link CamelTokenSource}) sets the headers and body and
 * reads the answer; these routes only carry the call, so they share the pooled, TLS-configured client.
 */
public final class GigaChatAuthRoutes extends RouteBuilder {

    private final String oauthUri;
    private final String userTokenUri;

    public GigaChatAuthRoutes(String authUrl, String baseUrl, long timeoutMillis) {
        String options = "throwExceptionOnFailure=false&httpMethod=POST&responseTimeout=" + timeoutMillis;
        this.oauthUri = UpstreamUris.of(authUrl, options);
        this.userTokenUri = UpstreamUris.of((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "token", options);
    }

    @Override
    public void configure() {
        from("direct:gigachat-oauth").routeId("gigachat-oauth")
                .errorHandler(noErrorHandler())
                .to(oauthUri);

        from("direct:gigachat-user-token").routeId("gigachat-user-token")
                .errorHandler(noErrorHandler())
                .to(userTokenUri);
    }
}
