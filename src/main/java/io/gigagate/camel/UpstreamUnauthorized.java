package io.gigagate.camel;

import io.gigagate.gigachat.auth.GigaChatAuth;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * True when GigaChat answered 401 to the first attempt and the auth can fetch a fresh token: then the
 * call is made once more (the token may have been revoked or expired early).
 */
public final class UpstreamUnauthorized implements Predicate {

    private final GigaChatAuth auth;

    public UpstreamUnauthorized(GigaChatAuth auth) {
        this.auth = auth;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 401) {
            return false;
        }
        if (exchange.getProperty(ExchangeKeys.UPSTREAM_ATTEMPTS, 0, Integer.class) > 1) {
            return false;
        }
        return UpstreamRequestPreparer.authFor(exchange, auth)
                .tokenRejected(exchange.getProperty(ExchangeKeys.UPSTREAM_AUTHORIZATION, String.class));
    }
}
