package io.gigagate.security;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;

/**
 * GigaChat credentials carried in the client's {@code Authorization: Bearer} header in pass-token
 * mode, in gpt2giga's three forms: {@code giga-cred-<authorization key>:<scope>} (scope optional),
 * {@code giga-auth-<access token>}, {@code giga-user-<user>:<password>}. {@link #toString()} never
 * shows the secret.
 */
public record PassToken(Kind kind, String secret, String scopeOrUser) {

    public enum Kind { CREDENTIALS, ACCESS_TOKEN, USER_PASSWORD }

    /** Parses the bearer value, or returns null when there is none. */
    public static PassToken parse(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return null;
        }
        String value = bearer.strip();
        if (value.startsWith("giga-cred-")) {
            String rest = value.substring("giga-cred-".length());
            int colon = rest.lastIndexOf(':');
            // an authorization key is base64 and never contains ':', so the last ':' starts the scope
            String key = colon >= 0 ? rest.substring(0, colon) : rest;
            String scope = colon >= 0 ? rest.substring(colon + 1) : null;
            return of(Kind.CREDENTIALS, key, scope == null || scope.isBlank() ? null : scope);
        }
        if (value.startsWith("giga-auth-")) {
            return of(Kind.ACCESS_TOKEN, value.substring("giga-auth-".length()), null);
        }
        if (value.startsWith("giga-user-")) {
            String rest = value.substring("giga-user-".length());
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw invalid();
            }
            return of(Kind.USER_PASSWORD, rest.substring(colon + 1), rest.substring(0, colon));
        }
        throw invalid();
    }

    private static PassToken of(Kind kind, String secret, String scopeOrUser) {
        if (secret.isBlank()) {
            throw invalid();
        }
        return new PassToken(kind, secret, scopeOrUser);
    }

    private static GatewayException invalid() {
        return new GatewayException(401, ErrorCategory.AUTHENTICATION, "invalid_pass_token", null,
                "Pass-token mode: send GigaChat credentials as 'Bearer giga-cred-<key>:<scope>', "
                        + "'Bearer giga-auth-<access token>' or 'Bearer giga-user-<user>:<password>'.");
    }

    @Override
    public String toString() {
        return "PassToken[" + kind + ", ***]";
    }
}
