package io.gigagate.responses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The default {@link ResponseStore}: one replica's memory, bounded by a number of responses (the least recently
 * used go first) and expiring each a while after it was last written or read (a conversation in use keeps its
 * chain; an idle one goes). Settings: {@code gigagate.responses.store.max-entries} and
 * {@code gigagate.responses.store.ttl}.
 *
 * <p>No lock on the request path. Responses sit in a {@link ConcurrentHashMap}; each write or read also queues a
 * ticket for the entry in a {@link ConcurrentLinkedQueue}, so the queue's head is the least recently used entry
 * (tickets an entry has outlived, by a later use or its deletion, are skipped). After a write, the upkeep drops
 * from the head what is over the bound or expired: one caller at a time does it, and a caller that finds it
 * under way leaves it to that one rather than wait, so the bound is kept to within the writes made meanwhile. Two
 * locking designs measured worse on two cores with 64 writers: Caffeine's write buffer filled faster than its
 * maintenance thread drained it, and a synchronized {@code LinkedHashMap} stalled every writer whenever the
 * thread holding it was descheduled (writes of 20 to 80 us and of 0.4 ms on average, against 6 us here, in a
 * benchmark of the store alone), which showed as a quarter more gateway time per stored Responses request.
 */
public final class InMemoryResponseStore implements ResponseStore {

    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Key, Entry> responses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ticket> uses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicBoolean upkeep = new AtomicBoolean();
    /**
     * GigaChat storage threads' heads ({@link #threadHead}) by owner and thread id, bounded and expiring as the
     * responses are. Only Responses turns on GigaChat's storage touch them (one write a turn), so Caffeine's
     * upkeep keeps up with them.
     */
    private final Cache<Key, String> threadHeads;

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
        this.maxEntries = (int) Math.min(maxEntries, Integer.MAX_VALUE / 4);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.threadHeads = Caffeine.newBuilder().maximumSize(this.maxEntries).expireAfterAccess(ttl)
                .ticker(nanoTime::getAsLong).build();
    }

    private record Key(String owner, String id) {
    }

    /** A stored response, when it was last used, and which of its tickets is the current one. */
    private static final class Entry {
        final Key key;
        final Stored response;
        volatile long usedAt;
        /** The current ticket's number; -1 once the entry is gone (replaced, deleted or dropped). */
        final AtomicInteger use = new AtomicInteger();

        Entry(Key key, Stored response, long usedAt) {
            this.key = key;
            this.response = response;
            this.usedAt = usedAt;
        }
    }

    /** One use of an entry, in the order of uses; current while the entry has had no later one. */
    private record Ticket(Entry entry, int use) {
        boolean current() {
            return entry.use.get() == use;
        }
    }

    @Override
    public void put(String owner, Stored response) {
        Key key = new Key(owner, response.id());
        long now = nanoTime.getAsLong();
        Entry entry = new Entry(key, response, now);
        Entry replaced = responses.put(key, entry);
        if (replaced != null) {
            replaced.use.set(-1); // its tickets are outlived
        }
        uses.add(new Ticket(entry, 0));
        tickets.incrementAndGet();
        tryUpkeep(now);
    }

    @Override
    public Optional<Stored> get(String owner, String id) {
        Entry entry = responses.get(new Key(owner, id));
        if (entry == null) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        if (now - entry.usedAt > ttlNanos) {
            forget(entry);
            return Optional.empty();
        }
        entry.usedAt = now;
        int use = entry.use.incrementAndGet(); // two readers of one response each make a distinct use
        if (use > 0) { // else it was gone meanwhile
            uses.add(new Ticket(entry, use));
            if (tickets.incrementAndGet() > 2 * maxEntries + 64) {
                tryUpkeep(now);
            }
        }
        return Optional.of(entry.response);
    }

    @Override
    public boolean delete(String owner, String id) {
        Entry entry = responses.remove(new Key(owner, id));
        if (entry == null) {
            return false;
        }
        entry.use.set(-1);
        return true;
    }

    @Override
    public Optional<String> threadHead(String owner, String threadId) {
        return Optional.ofNullable(threadHeads.getIfPresent(new Key(owner, threadId)));
    }

    @Override
    public void setThreadHead(String owner, String threadId, String responseId) {
        threadHeads.put(new Key(owner, threadId), responseId);
    }

    @Override
    public boolean advanceThreadHead(String owner, String threadId, String expected, String next) {
        return threadHeads.asMap().replace(new Key(owner, threadId), expected, next);
    }

    /** Responses held now (for tests and metrics), after the upkeep (waited for, unlike on writes). */
    public long size() {
        while (!tryUpkeep(nanoTime.getAsLong())) {
            Thread.onSpinWait();
        }
        return responses.mappingCount();
    }

    /** Tickets queued now, outlived ones included (tests). */
    int queued() {
        return tickets.get();
    }

    /** The upkeep, unless another caller is doing it; whether this one did. */
    private boolean tryUpkeep(long now) {
        if (!upkeep.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (tickets.get() > 2 * maxEntries + 64) {
                compact();
            }
            dropStale(now);
        } finally {
            upkeep.set(false);
        }
        return true;
    }

    /**
     * From the head, the least recently used first: tickets an entry has outlived are dropped, entries over
     * the bound or unused for longer than the TTL are removed; stops at the first current ticket that is
     * neither. Only in the upkeep: nothing else takes from the queue.
     */
    private void dropStale(long now) {
        Ticket head;
        while ((head = uses.peek()) != null) {
            boolean current = head.current();
            if (current && responses.mappingCount() <= maxEntries && now - head.entry().usedAt <= ttlNanos) {
                return;
            }
            uses.poll();
            tickets.decrementAndGet();
            if (current) {
                forget(head.entry());
            }
        }
    }

    private void forget(Entry entry) {
        if (responses.remove(entry.key, entry)) {
            entry.use.set(-1);
        }
    }

    /**
     * Many outlived tickets (responses read again and again, or deleted, while few are written): they are swept
     * out of the queue, so that it stays within about twice the bound. Only in the upkeep.
     */
    private void compact() {
        uses.removeIf(ticket -> {
            boolean outlived = !ticket.current();
            if (outlived) {
                tickets.decrementAndGet();
            }
            return outlived;
        });
    }
}
