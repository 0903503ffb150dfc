package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatErrors;
import io.gigagate.gigachat.GigaChatOperation;
import io.gigagate.gigachat.auth.AccessToken;
import io.gigagate.gigachat.auth.TokenResponses;
import io.gigagate.gigachat.auth.TokenSource;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.security.LogSecrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Fetches GigaChat access tokens through the token routes: OAuth (Basic authorization key, a fresh
 * {@code RqUID}, form {@code scope}) or user/password (Basic user:password). Failures become clear
 * gateway errors that never contain the credential. Every token it obtains is registered with
 * {@link LogSecrets} before it is used, so no log shows it; the credential itself is registered by
 * whoever configured it ({@link GatewayBeans}, {@link io.gigagate.security.PassTokenAuths}).
 */
public final class CamelTokenSource implements TokenSource {

    private final ProducerTemplate template;
    private final String endpoint;
    private final String basicAuthorization;
    private final String form;

    private CamelTokenSource(ProducerTemplate template, String endpoint, String basicAuthorization, String scope) {
        this.template = template;
        this.endpoint = endpoint;
        this.basicAuthorization = "Basic " + basicAuthorization;
        this.form = "scope=" + URLEncoder.encode(scope == null ? "" : scope, StandardCharsets.UTF_8);
    }

    /** OAuth with the authorization key GigaChat's developer cabinet hands out (already base64). */
    public static CamelTokenSource oauth(ProducerTemplate template, String authorizationKey, String scope) {
        return new CamelTokenSource(template, "direct:gigachat-oauth", authorizationKey.strip(), scope);
    }

    public static CamelTokenSource userPassword(ProducerTemplate template, String user, String password, String scope) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new CamelTokenSource(template, "direct:gigachat-user-token", basic, scope);
    }

    @Override
    public AccessToken fetch() {
        Exchange result = template.request(endpoint, exchange -> {
            exchange.getMessage().setHeader("Authorization", basicAuthorization);
            exchange.getMessage().setHeader("RqUID", UUID.randomUUID().toString());
            exchange.getMessage().setHeader("Accept", "application/json");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            exchange.getMessage().setBody(form);
        });
        if (result.getException() != null) {
            GatewayException mapped = UpstreamFailures.toGatewayException(result.getException());
            throw mapped != null ? mapped : new GatewayException(502, ErrorCategory.SERVER, "gigachat_auth_failed", null,
                    "Could not obtain a GigaChat access token.", result.getException());
        }
        int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = result.getMessage().getBody(byte[].class);
        if (status >= 500) {
            throw GigaChatErrors.fromResponse(status, body, GigaChatOperation.AUTH);
        }
        if (status != 200) {
            throw GigaChatErrors.fromOAuth(status, body);
        }
        try {
            AccessToken token = TokenResponses.parse(body);
            LogSecrets.registerToken(token.value(), token.expiresAtMillis());
            return token;
        } catch (IllegalArgumentException e) {
            throw new GatewayException(502, ErrorCategory.SERVER, "gigachat_auth_failed", null, e.getMessage());
        }
    }
}
