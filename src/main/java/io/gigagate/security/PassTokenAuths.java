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
 * and the credential itself is never a map key or a log line: each one is registered with
 * {@link LogSecrets} when it is first seen, and again every half hour while it is in use, so it stays
 * masked in every log for as long as clients send it (and {@value #MASKED_HOURS} hours after).
 */
public final class PassTokenAuths {

    static final int MASKED_HOURS = 2;
    private static final long MASKED_MILLIS = MASKED_HOURS * 3_600_000L;
    private static final long REREGISTER_MILLIS = 1_800_000L;

    private final Cache<String, Entry> auths;
    private final Function<PassToken, GigaChatAuth> factory;

    /** An auth and when its credential was last registered for masking. */
    private static final class Entry {
        final GigaChatAuth auth;
        volatile long registeredAt;

        Entry(GigaChatAuth auth, long registeredAt) {
            this.auth = auth;
            this.registeredAt = registeredAt;
        }
    }

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
        long now = System.currentTimeMillis();
        Entry entry = auths.get(credentialId(bearer), id -> {
            register(bearer, token, now);
            return new Entry(factory.apply(token), now);
        });
        if (now - entry.registeredAt > REREGISTER_MILLIS) {
            entry.registeredAt = now;
            register(bearer, token, now);
        }
        return entry.auth;
    }

    /** The whole bearer value, the secret in it, and for user/password the Basic form of the pair. */
    private static void register(String bearer, PassToken token, long now) {
        long until = now + MASKED_MILLIS;
        LogSecrets.registerUntil(bearer, until);
        switch (token.kind()) {
            case CREDENTIALS -> LogSecrets.registerAuthorizationKey(token.secret(), until);
            case ACCESS_TOKEN -> LogSecrets.registerUntil(token.secret(), until);
            case USER_PASSWORD -> LogSecrets.registerUserPassword(token.scopeOrUser(), token.secret(), until);
        }
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
