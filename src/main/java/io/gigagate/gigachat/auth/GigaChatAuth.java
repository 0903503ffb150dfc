package io.gigagate.gigachat.auth;

/**
 * How the gateway authenticates one upstream call to GigaChat.
 */
public interface GigaChatAuth {

    /**
     * The {@code Authorization} header value for the next call, or {@code null} when the transport
     * authenticates by itself (mTLS client certificate).
     *
     * @throws io.gigagate.error.GatewayException when no token can be had
     */
    String authorization();

    /**
     * GigaChat answered 401 to a call made with {@code rejected}. Forget that token if it is still the
     * current one, and say whether a retry with a fresh one makes sense.
     */
    boolean tokenRejected(String rejected);
}
