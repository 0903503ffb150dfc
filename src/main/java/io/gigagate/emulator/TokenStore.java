package io.gigagate.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens the emulator issued (OAuth, user/password, {@code issueToken()}) and the bearer check. */
final class TokenStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final String staticToken;
    private final boolean requireBearer;

    TokenStore(Duration ttl, String staticToken, boolean requireBearer) {
        this.ttl = ttl;
        this.staticToken = staticToken;
        this.requireBearer = requireBearer;
    }

    /** When a token issued now expires (epoch millis). */
    long expiryFromNow() {
        return System.currentTimeMillis() + ttl.toMillis();
    }

    /** A fresh token, valid until expiresAt (epoch millis). */
    String issue(long expiresAt) {
        byte[] raw = new byte[48];
        RANDOM.nextBytes(raw);
        String token = "emu." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, expiresAt);
        return token;
    }

    /** Every token issued so far counts as expired from now on. */
    void expireAll() {
        long past = System.currentTimeMillis() - 1;
        tokens.replaceAll((t, exp) -> Math.min(exp, past));
    }

    /**
     * GigaChat's bearer check: 401 "Unauthorized" without a known {@code Bearer} token (unless bearers are
     * not required and none is sent: mTLS), 401 "Token has expired" for an expired one.
     */
    void checkBearer(RecordedRequest rr) {
        String auth = rr.header("Authorization");
        if (auth == null || auth.isBlank()) {
            if (!requireBearer) {
                return;
            }
            throw ApiError.of(401, "Unauthorized");
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.of(401, "Unauthorized");
        }
        String token = auth.substring(7).trim();
        if (staticToken != null && staticToken.equals(token)) {
            return;
        }
        Long exp = tokens.get(token);
        if (exp == null) {
            throw ApiError.of(401, "Unauthorized");
        }
        if (System.currentTimeMillis() >= exp) {
            throw ApiError.of(401, "Token has expired");
        }
    }
}
