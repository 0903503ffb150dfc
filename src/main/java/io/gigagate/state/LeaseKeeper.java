package io.gigagate.state;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this replica's leases alive: a slot taken in Redis (a request in flight for a key or a model) is a lease
 * that expires unless renewed, so a replica that dies mid-request frees its slots within one lease. While a
 * request runs, its lease is renewed every third of the lease (one script call per sorted set, for all of this
 * replica's leases in it), on one daemon thread, off the request path.
 */
final class LeaseKeeper implements AutoCloseable {

    private final RedisState redis;
    private final Duration lease;
    private final Map<String, Set<String>> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    LeaseKeeper(RedisState redis, Duration lease, String name) {
        this.redis = redis;
        this.lease = lease;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gigagate-leases-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    long leaseMillis() {
        return lease.toMillis();
    }

    void hold(String key, String id) {
        held.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    /** Forgets the lease and gives it back in Redis (without waiting). */
    void release(String key, String id) {
        Set<String> ids = held.get(key);
        if (ids != null) {
            ids.remove(id);
        }
        redis.callAsync(commands -> commands.zrem(key, id));
    }

    private void renew() {
        for (Map.Entry<String, Set<String>> entry : held.entrySet()) {
            List<String> args = new ArrayList<>();
            args.add(String.valueOf(lease.toMillis()));
            args.addAll(entry.getValue());
            if (args.size() == 1) {
                continue; // kept: removing it could race with a hold() on the same key
            }
            try {
                redis.eval(LuaScripts.RENEW_LEASES, ScriptOutputType.INTEGER, new String[] {entry.getKey()},
                        args.toArray(String[]::new));
            } catch (StateUnavailableException | io.lettuce.core.RedisException e) {
                return; // counted by RedisState; the next round tries again
            }
        }
    }

    /** Stops renewing (the leases then expire in Redis within one lease, as if this replica had died). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
