package io.gigagate.state;

import io.gigagate.security.KeyLimits;
import io.gigagate.security.ModelConcurrency;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-model limit across all replicas, with one first-come-first-served queue for the whole fleet
 * ({@code model-slot.lua}): a call takes a free slot in one round trip; otherwise it joins the queue and polls
 * (every few milliseconds at first, then every {@link #MAX_POLL}, and at once when a call of this replica gives a
 * slot of that model back) until its turn comes, the queue is full, or its wait is over. Slots are leases renewed
 * while the call runs ({@link LeaseKeeper}), so a replica that dies frees its slots within one lease, and its
 * waiters leave the queue within {@link #PLACE}. While Redis is unavailable, this replica's own
 * {@link ModelConcurrency#local} limit applies, counted as a fallback.
 */
public final class RedisModelConcurrency implements ModelConcurrency, AutoCloseable {

    static final Duration MAX_POLL = Duration.ofMillis(50);
    static final Duration PLACE = Duration.ofSeconds(5);

    private final RedisState redis;
    private final ModelConcurrency local;
    private final int maxWaiting;
    private final Duration maxWait;
    private final LeaseKeeper leases;
    private final String replica = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Signal> signals = new ConcurrentHashMap<>();

    /** Wakes this replica's waiters for one model when one of its calls gives a slot back. */
    private static final class Signal {
        final ReentrantLock lock = new ReentrantLock();
        final Condition freed = lock.newCondition();
    }

    public RedisModelConcurrency(RedisState redis, Map<String, Integer> perModel, int defaultLimit, int maxWaiting,
            Duration maxWait, Duration lease) {
        this.redis = redis;
        this.local = ModelConcurrency.local(perModel, defaultLimit, maxWaiting, maxWait);
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
        this.leases = new LeaseKeeper(redis, lease, "models");
    }

    @Override
    public boolean enabled() {
        return local.enabled();
    }

    @Override
    public int limit(String model) {
        return local.limit(model);
    }

    @Override
    public KeyLimits.Permit acquire(String model) throws InterruptedException {
        int limit = limit(model);
        if (limit <= 0) {
            return KeyLimits.Permit.NONE;
        }
        String tag = "model:" + model;
        String[] keys = {redis.key(tag, "slots"), redis.key(tag, "queue"), redis.key(tag, "waiters"), redis.key(tag, "tickets")};
        String id = replica + ":" + sequence.incrementAndGet();
        String[] args = {String.valueOf(limit), String.valueOf(maxWaiting), id, String.valueOf(leases.leaseMillis()),
                String.valueOf(PLACE.toMillis())};
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(2);
        boolean queued = false;
        try {
            while (true) {
                Long outcome = redis.eval(LuaScripts.MODEL_SLOT, ScriptOutputType.INTEGER, keys, args);
                if (outcome == 1) {
                    leases.hold(keys[0], id);
                    return () -> release(model, keys[0], id);
                }
                if (outcome < 0) {
                    throw ModelConcurrency.busy(model, "its queue is full");
                }
                queued = true;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    leave(keys, id);
                    throw ModelConcurrency.busy(model, "no slot freed within " + maxWait.toMillis() + " ms");
                }
                awaitFreed(model, Math.min(pause, left));
                pause = Math.min(pause * 2, MAX_POLL.toNanos());
            }
        } catch (StateUnavailableException e) {
            redis.fellBack("model-concurrency");
            return local.acquire(model);
        } catch (InterruptedException e) {
            if (queued) {
                leave(keys, id);
            }
            throw e;
        }
    }

    private void release(String model, String slots, String id) {
        leases.release(slots, id);
        Signal signal = signals.get(model);
        if (signal != null) {
            signal.lock.lock();
            try {
                signal.freed.signalAll();
            } finally {
                signal.lock.unlock();
            }
        }
    }

    private void awaitFreed(String model, long nanos) throws InterruptedException {
        Signal signal = signals.computeIfAbsent(model, m -> new Signal());
        signal.lock.lock();
        try {
            signal.freed.awaitNanos(nanos);
        } finally {
            signal.lock.unlock();
        }
    }

    /** Leaves the queue (gave up waiting); without waiting for Redis' answer. */
    private void leave(String[] keys, String id) {
        redis.callAsync(commands -> commands.zrem(keys[1], id));
        redis.callAsync(commands -> commands.zrem(keys[2], id));
    }

    @Override
    public void close() {
        leases.close();
    }
}
