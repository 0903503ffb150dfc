package io.gigagate.gigachat.auth;

/**
 * Fetches a fresh access token from GigaChat (OAuth with an authorization key, or user/password).
 * Implementations do the network call; {@link RefreshingTokenAuth} decides when to call.
 */
@FunctionalInterface
public interface TokenSource {

    AccessToken fetch();
}
