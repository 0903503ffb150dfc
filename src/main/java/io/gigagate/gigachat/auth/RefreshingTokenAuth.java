package io.gigagate.gigachat.auth;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bearer auth with a token that the gateway obtains and renews itself. The token is renewed a margin
 * before it expires (60 s by default, as GigaChat's own SDK does); however many requests need a token
 * at once, only one of them fetches it and the others wait for that result. After a 401 the token is
 * dropped, so the retry fetches a new one.
 */
public final class RefreshingTokenAuth implements GigaChatAuth {

    public static final long DEFAULT_REFRESH_MARGIN_MILLIS = 60_000;

    private final TokenSource source;
    private final Clock clock;
    private final long refreshMarginMillis;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile AccessToken current;

    public RefreshingTokenAuth(TokenSource source) {
        this(source, Clock.systemUTC(), DEFAULT_REFRESH_MARGIN_MILLIS);
    }

    public RefreshingTokenAuth(TokenSource source, Clock clock, long refreshMarginMillis) {
        this.source = source;
        this.clock = clock;
        this.refreshMarginMillis = refreshMarginMillis;
    }

    @Override
    public String authorization() {
        return "Bearer " + token().value();
    }

    AccessToken token() {
        AccessToken token = current;
        if (isFresh(token)) {
            return token;
        }
        refreshLock.lock();
        try {
            token = current;
            if (!isFresh(token)) {
                token = source.fetch();
                current = token;
            }
            return token;
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public boolean tokenRejected(String rejected) {
        refreshLock.lock();
        try {
            AccessToken token = current;
            if (token != null && rejected != null && rejected.equals("Bearer " + token.value())) {
                current = null;
            }
        } finally {
            refreshLock.unlock();
        }
        return true;
    }

    private boolean isFresh(AccessToken token) {
        return token != null && !token.expiresWithin(refreshMarginMillis, clock.millis());
    }
}
