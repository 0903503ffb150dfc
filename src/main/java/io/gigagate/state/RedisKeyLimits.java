package io.gigagate.state;

import io.gigagate.security.KeyLimits;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per API key limits across all replicas: requests per minute as a token bucket (capacity N, refilled N per
 * minute, so at most N in any minute and N at once after a quiet minute) and requests in flight as leases, both
 * decided by one Lua script, one round trip per request ({@code key-limits.lua}); giving the slot back is a
 * second command sent without waiting. While Redis is unavailable, this replica's own {@link KeyLimits#local}
 * limits apply (with the same numbers: a fleet of R replicas then admits up to R times as many), counted as a
 * fallback in the metrics and the health check.
 */
public final class RedisKeyLimits implements KeyLimits, AutoCloseable {

    private final RedisState redis;
    private final KeyLimits fallback;
    private final int requestsPerMinute;
    private final int maxConcurrent;
    private final LeaseKeeper leases;
    private final String replica = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param lease how long a slot held by a replica that stopped renewing it (died) stays taken
     */
    public RedisKeyLimits(RedisState redis, int requestsPerMinute, int maxConcurrent, Duration lease) {
        this.redis = redis;
        this.fallback = KeyLimits.local(requestsPerMinute, maxConcurrent);
        this.requestsPerMinute = requestsPerMinute;
        this.maxConcurrent = maxConcurrent;
        this.leases = new LeaseKeeper(redis, lease, "keys");
    }

    @Override
    public boolean enabled() {
        return requestsPerMinute > 0 || maxConcurrent > 0;
    }

    @Override
    public Permit acquire(String key) {
        String bucket = redis.key("key:" + key, "rate");
        String inFlight = redis.key("key:" + key, "in-flight");
        String id = replica + ":" + sequence.incrementAndGet();
        List<Long> answer;
        try {
            answer = redis.eval(LuaScripts.KEY_LIMITS, ScriptOutputType.MULTI, new String[] {bucket, inFlight},
                    String.valueOf(requestsPerMinute), String.valueOf(maxConcurrent), id,
                    String.valueOf(leases.leaseMillis()));
        } catch (StateUnavailableException e) {
            redis.fellBack("key-limits");
            return fallback.acquire(key);
        }
        long outcome = answer.get(0);
        if (outcome == 0) {
            throw KeyLimits.rateLimited(requestsPerMinute, (answer.get(1) + 999) / 1000);
        }
        if (outcome < 0) {
            throw KeyLimits.tooManyConcurrent(maxConcurrent);
        }
        if (maxConcurrent <= 0) {
            return Permit.NONE;
        }
        leases.hold(inFlight, id);
        return () -> leases.release(inFlight, id);
    }

    @Override
    public void close() {
        leases.close();
    }
}
