package io.gigagate.responses;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The default {@link ResponseStore}: one replica's memory, bounded by a number of responses (the least recently
 * used go first) and expiring each a while after it was last written or read (a conversation in use keeps its
 * chain; an idle one goes). Settings: {@code gigagate.responses.store.max-entries} and
 * {@code gigagate.responses.store.ttl}.
 *
 * <p>One {@link LinkedHashMap} in access order under a lock: every operation is a hash lookup and a link move,
 * held for well under a microsecond, and the entries to drop (over the bound, or expired: both are the least
 * recently used) are at its head. A store sees one write per response, a few thousand a second at most, so the
 * lock is free almost always. Caffeine, used here before, hands each write to a buffer drained by a maintenance
 * thread; with 64 writers on two cores that thread fell behind, the buffer filled and writers waited for it:
 * 0.2 to 0.5 ms per write in a benchmark of the store alone, and half a millisecond more of the gateway's own
 * time per stored Responses request against {@code store: false} (bench/results.md).
 */
public final class InMemoryResponseStore implements ResponseStore {

    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Entry> responses = new LinkedHashMap<>(256, 0.75f, true);
    /**
     * GigaChat storage threads' heads ({@link #threadHead}) by owner and thread id, bounded and expiring as the
     * responses are; under the same lock.
     */
    private final LinkedHashMap<Key, Head> threadHeads = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxEntries the most responses kept (the least recently used go first)
     * @param ttl        how long a response is kept after it was last written or read
     */
    public InMemoryResponseStore(long maxEntries, Duration ttl) {
        this(maxEntries, ttl, System::nanoTime);
    }

    /** The same with the clock expiry reads (tests). */
    InMemoryResponseStore(long maxEntries, Duration ttl, LongSupplier nanoTime) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("The response store keeps at least one response, not " + maxEntries);
        }
        this.maxEntries = (int) Math.min(maxEntries, Integer.MAX_VALUE);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    private record Key(String owner, String id) {
    }

    /** A stored response and when it was last used. */
    private static final class Entry {
        final Stored response;
        long usedAt;

        Entry(Stored response, long usedAt) {
            this.response = response;
            this.usedAt = usedAt;
        }
    }

    /** A thread's head and when it was last used. */
    private static final class Head {
        String responseId;
        long usedAt;

        Head(String responseId, long usedAt) {
            this.responseId = responseId;
            this.usedAt = usedAt;
        }
    }

    @Override
    public void put(String owner, Stored response) {
        Key key = new Key(owner, response.id());
        long now = nanoTime.getAsLong();
        synchronized (responses) {
            responses.put(key, new Entry(response, now));
            dropStale(now);
        }
    }

    @Override
    public Optional<Stored> get(String owner, String id) {
        Key key = new Key(owner, id);
        long now = nanoTime.getAsLong();
        synchronized (responses) {
            Entry entry = responses.get(key); // moves it to the tail: the most recently used
            if (entry == null) {
                return Optional.empty();
            }
            if (now - entry.usedAt > ttlNanos) {
                responses.remove(key);
                return Optional.empty();
            }
            entry.usedAt = now;
            return Optional.of(entry.response);
        }
    }

    @Override
    public boolean delete(String owner, String id) {
        synchronized (responses) {
            return responses.remove(new Key(owner, id)) != null;
        }
    }

    @Override
    public Optional<String> threadHead(String owner, String threadId) {
        synchronized (responses) {
            Head head = liveHead(new Key(owner, threadId), nanoTime.getAsLong());
            return head == null ? Optional.empty() : Optional.of(head.responseId);
        }
    }

    @Override
    public void setThreadHead(String owner, String threadId, String responseId) {
        long now = nanoTime.getAsLong();
        synchronized (responses) {
            threadHeads.put(new Key(owner, threadId), new Head(responseId, now));
            dropStaleHeads(now);
        }
    }

    @Override
    public boolean advanceThreadHead(String owner, String threadId, String expected, String next) {
        synchronized (responses) {
            Head head = liveHead(new Key(owner, threadId), nanoTime.getAsLong());
            if (head == null || !head.responseId.equals(expected)) {
                return false;
            }
            head.responseId = next;
            return true;
        }
    }

    /** The head of this key unless it expired (then it is dropped), used now. Under the lock. */
    private Head liveHead(Key key, long now) {
        Head head = threadHeads.get(key);
        if (head == null) {
            return null;
        }
        if (now - head.usedAt > ttlNanos) {
            threadHeads.remove(key);
            return null;
        }
        head.usedAt = now;
        return head;
    }

    /** As {@link #dropStale} for the threads' heads. Under the lock. */
    private void dropStaleHeads(long now) {
        Iterator<Map.Entry<Key, Head>> eldest = threadHeads.entrySet().iterator();
        while (eldest.hasNext()) {
            Head head = eldest.next().getValue();
            if (threadHeads.size() <= maxEntries && now - head.usedAt <= ttlNanos) {
                return;
            }
            eldest.remove();
        }
    }

    /** Responses held now (for tests and metrics); the expired ones are dropped first. */
    public long size() {
        synchronized (responses) {
            dropStale(nanoTime.getAsLong());
            return responses.size();
        }
    }

    /** Drops from the head (the least recently used) what is over the bound or expired. Under the lock. */
    private void dropStale(long now) {
        Iterator<Map.Entry<Key, Entry>> eldest = responses.entrySet().iterator();
        while (eldest.hasNext()) {
            Entry entry = eldest.next().getValue();
            if (responses.size() <= maxEntries && now - entry.usedAt <= ttlNanos) {
                return;
            }
            eldest.remove();
        }
    }
}
