package io.gigagate.gigachat.auth;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;

/**
 * No GigaChat credential is configured: every call gets a clear OpenAI-shaped error instead of an
 * upstream 401 or a stack trace. The start-up log already warned about it.
 */
public final class MissingCredentialsAuth implements GigaChatAuth {

    public static final String MESSAGE = "GigaGate has no GigaChat credentials configured. Set GIGACHAT_CREDENTIALS "
            + "(authorization key) and GIGACHAT_SCOPE, GIGACHAT_USER and GIGACHAT_PASSWORD, GIGACHAT_ACCESS_TOKEN, "
            + "or GIGACHAT_CERT_FILE and GIGACHAT_KEY_FILE; or start the gateway with --emulator for a demo.";

    @Override
    public String authorization() {
        throw new GatewayException(401, ErrorCategory.AUTHENTICATION, "gigachat_credentials_missing", null, MESSAGE);
    }

    @Override
    public boolean tokenRejected(String rejected) {
        return false;
    }
}
