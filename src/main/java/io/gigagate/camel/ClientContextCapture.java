package io.gigagate.camel;

import io.gigagate.security.AuthorizationHeader;
import io.gigagate.security.PassTokenAuths;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs first on every public route (the shared route configuration intercepts platform-http
 * consumers): it keeps what the gateway needs from the client's request before the headers are
 * dropped: the allow-listed ids GigaChat may see, and in pass-token mode the GigaChat credential from
 * the Bearer header.
 */
public final class ClientContextCapture implements Processor {

    private final PassTokenAuths passTokens;

    /** @param passTokens null unless pass-token mode is on */
    public ClientContextCapture(PassTokenAuths passTokens) {
        this.passTokens = passTokens;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        exchange.setProperty(ExchangeKeys.FORWARDED_HEADERS, ForwardedHeaders.from(message));
        if (passTokens != null) {
            String bearer = AuthorizationHeader.bearer(message.getHeader("Authorization", String.class));
            if (bearer != null) {
                exchange.setProperty(ExchangeKeys.UPSTREAM_AUTH, passTokens.authFor(bearer));
                exchange.setProperty(ExchangeKeys.UPSTREAM_CREDENTIAL, PassTokenAuths.credentialId(bearer));
            }
        }
    }
}
