package io.gigagate.gigachat.auth;

/**
 * A ready access token (GIGACHAT_ACCESS_TOKEN). It cannot be renewed, so a 401 is final.
 */
public final class StaticTokenAuth implements GigaChatAuth {

    private final String authorization;

    public StaticTokenAuth(String accessToken) {
        this.authorization = "Bearer " + accessToken;
    }

    @Override
    public String authorization() {
        return authorization;
    }

    @Override
    public boolean tokenRejected(String rejected) {
        return false;
    }

    @Override
    public String toString() {
        return "StaticTokenAuth[***]";
    }
}
