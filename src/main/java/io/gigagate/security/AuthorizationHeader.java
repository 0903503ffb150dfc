package io.gigagate.security;

/**
 * Reads the client's {@code Authorization} header. Pure: the access policy (the gateway's key) and the
 * routes' client-context capture (GigaChat credentials in pass-token mode) both read it here.
 */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /**
     * The token of a {@code Bearer} header (scheme case-insensitive, token stripped), or null when the
     * header is absent, has another scheme, or carries no token.
     */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
