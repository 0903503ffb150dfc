package io.gigagate.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gigagate.gigachat.auth.GigaChatAuth;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Pass-token mode: one {@link GigaChatAuth} (and so one token cache) per GigaChat credential a client
 * brings, in a bounded cache keyed by the credential's SHA-256. Nothing is shared between credentials,
 * and the credential itself is never a map key or a log line.
 */
public final class PassTokenAuths {

    private final Cache<String, GigaChatAuth> auths;
    private final Function<PassToken, GigaChatAuth> factory;

    /**
     * @param maxCredentials how many credentials keep their tokens (gpt2giga's PASS_TOKEN_CLIENT_CACHE_SIZE)
     * @param idle how long an unused credential's token is kept
     * @param factory builds the auth for a credential (OAuth, user/password or a ready token)
     */
    public PassTokenAuths(int maxCredentials, Duration idle, Function<PassToken, GigaChatAuth> factory) {
        this.auths = Caffeine.newBuilder().maximumSize(maxCredentials).expireAfterAccess(idle).build();
        this.factory = factory;
    }

    /** The auth for this bearer value; a malformed one is a 401 naming the accepted forms. */
    public GigaChatAuth authFor(String bearer) {
        PassToken token = PassToken.parse(bearer);
        return auths.get(credentialId(bearer), id -> factory.apply(token));
    }

    /** A stable, non-reversible id of the credential, for scoping per-credential caches. */
    public static String credentialId(String bearer) {
        return HexFormat.of().formatHex(ApiKeys.sha256(bearer.strip()));
    }

    public long size() {
        auths.cleanUp();
        return auths.estimatedSize();
    }
}
