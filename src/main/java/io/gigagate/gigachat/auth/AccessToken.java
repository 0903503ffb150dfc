package io.gigagate.gigachat.auth;

/**
 * A GigaChat access token and the moment it expires (epoch milliseconds, as GigaChat's OAuth
 * {@code expires_at} and the user/password {@code exp} give it). {@link #toString()} hides the token.
 */
public record AccessToken(String value, long expiresAtMillis) {

    public boolean expiresWithin(long marginMillis, long nowMillis) {
        return nowMillis + marginMillis >= expiresAtMillis;
    }

    @Override
    public String toString() {
        return "AccessToken[value=***, expiresAtMillis=" + expiresAtMillis + "]";
    }
}
