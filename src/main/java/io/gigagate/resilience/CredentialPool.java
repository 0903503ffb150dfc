package io.gigagate.resilience;

import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several GigaChat credentials behind one gateway: calls are spread over them in turn, and a
 * credential that answers 401, 402 or 429 rests for a while so the call, and the next ones, move to
 * another. Each member keeps its own token.
 */
public final class CredentialPool implements GigaChatAuth {

    private final List<GigaChatAuth> members;
    private final Duration rest;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final long[] restingUntil;
    /** Which member produced an Authorization value, so a rejection can be pinned on it. */
    private final Map<String, Integer> issuedBy = new ConcurrentHashMap<>();

    public CredentialPool(List<GigaChatAuth> members, Duration rest, Clock clock) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a credential pool needs at least one credential");
        }
        this.members = List.copyOf(members);
        this.rest = rest;
        this.clock = clock;
        this.restingUntil = new long[members.size()];
    }

    public int size() {
        return members.size();
    }

    @Override
    public String authorization() {
        long now = clock.millis();
        int start = Math.floorMod(next.getAndIncrement(), members.size());
        for (int i = 0; i < members.size(); i++) {
            int index = (start + i) % members.size();
            if (restingUntil(index) <= now) {
                String authorization = members.get(index).authorization();
                if (issuedBy.size() > 10_000) {
                    issuedBy.clear();
                }
                issuedBy.put(authorization, index);
                return authorization;
            }
        }
        throw new GatewayException(503, ErrorCategory.SERVER, "all_credentials_resting", null,
                "Every GigaChat credential of the gateway is resting after refusals (401/402/429); try again shortly.")
                .withHeaders(Map.of("Retry-After", String.valueOf(Math.max(1, rest.toSeconds()))));
    }

    @Override
    public boolean tokenRejected(String rejected) {
        Integer index = issuedBy.get(rejected);
        if (index != null) {
            members.get(index).tokenRejected(rejected);
        }
        return true;
    }

    /**
     * A member refused the call with {@code status} (401, 402 or 429): it rests, and the call may go on
     * with another member if one is awake.
     */
    public boolean refused(String authorization, int status) {
        Integer index = issuedBy.get(authorization);
        if (index == null) {
            return false;
        }
        if (status == 401) {
            members.get(index).tokenRejected(authorization);
        }
        synchronized (restingUntil) {
            restingUntil[index] = clock.millis() + rest.toMillis();
        }
        long now = clock.millis();
        for (int i = 0; i < members.size(); i++) {
            if (restingUntil(i) <= now) {
                return true;
            }
        }
        return false;
    }

    private long restingUntil(int index) {
        synchronized (restingUntil) {
            return restingUntil[index];
        }
    }
}
