package io.gigagate.gigachat.auth;

/**
 * mTLS: the client certificate on the TLS connection is the credential, and GigaChat expects no
 * Authorization header at all.
 */
public final class CertificateAuth implements GigaChatAuth {

    @Override
    public String authorization() {
        return null;
    }

    @Override
    public boolean tokenRejected(String rejected) {
        return false;
    }
}
