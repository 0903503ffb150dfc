package io.gigagate.responses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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
 *
 * <p>What a stored response keeps alive is what the garbage collector copies and traces as long as it is held, so an
 * entry is one object besides the response: it is its own map key and its own first ticket, its use count is a
 * field, and the owner's name is kept once per owner. Against an entry of six objects this took a sixth off the
 * store's cost per write, most of which is the collector's (a benchmark of writes among request-sized garbage at
 * -Xmx256m: 7.7 to 6.6 us).
 */
public final class InMemoryResponseStore implements ResponseStore {

    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    /** The most owners whose name is kept once ({@link #canonical}). */
    static final int MAX_OWNERS = 10_000;

    private final ConcurrentHashMap<Key, Entry> responses = new ConcurrentHashMap<>();
    /** Tickets: an {@link Entry} (its first use) or a {@link Ticket} (a later one), least recent first. */
    private final ConcurrentLinkedQueue<Object> uses = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
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

    /**
     * A response's owner and id: what the map is keyed by. A stored {@link Entry} is its own key, so an entry is
     * one object besides its response; a lookup makes a plain key, equal to the entry of the same owner and id.
     */
    private static class Key {
        final String owner;
        final String id;

        Key(String owner, String id) {
            this.owner = owner;
            this.id = id;
        }

        @Override
        public final boolean equals(Object other) {
            return other instanceof Key key && id.equals(key.id) && owner.equals(key.owner);
        }

        @Override
        public final int hashCode() {
            return 31 * owner.hashCode() + id.hashCode();
        }
    }

    /**
     * A stored response, when it was last used, and which of its tickets is the current one. Its first ticket is
     * itself: a response written and never read (most of them) costs the queue no ticket object.
     */
    private static final class Entry extends Key {
        private static final AtomicIntegerFieldUpdater<Entry> USE = AtomicIntegerFieldUpdater.newUpdater(Entry.class,
                "use");
        final Stored response;
        volatile long usedAt;
        /** The current ticket's number (0: the entry itself); -1 once the entry is gone (replaced, deleted or dropped). */
        volatile int use;

        Entry(String owner, Stored response, long usedAt) {
            super(owner, response.id());
            this.response = response;
            this.usedAt = usedAt;
        }

        /** The next use's ticket number, or -1 when the entry is gone. */
        int nextUse() {
            int current;
            do {
                current = use;
                if (current < 0) {
                    return -1;
                }
            } while (!USE.compareAndSet(this, current, current + 1));
            return current + 1;
        }

        void gone() {
            use = -1;
        }
    }

    /** A later use of an entry, in the order of uses; current while the entry has had no later one. */
    private record Ticket(Entry entry, int use) {
    }

    /** The entry a queued ticket (an {@link Entry} for its first use, else a {@link Ticket}) stands for. */
    private static Entry entryOf(Object ticket) {
        return ticket instanceof Entry entry ? entry : ((Ticket) ticket).entry();
    }

    /** Whether the queued ticket is its entry's current one (the entry has had no later use and is not gone). */
    private static boolean current(Object ticket) {
        return ticket instanceof Entry entry ? entry.use == 0 : ((Ticket) ticket).entry().use == ((Ticket) ticket).use();
    }

    /**
     * One string per owner: the owner a request names is a new string each time, and an entry keeps it for as long
     * as it is stored. Up to {@link #MAX_OWNERS} owners are kept once; beyond that (a pass-token gateway with many
     * credentials) each entry keeps its own.
     */
    private String canonical(String owner) {
        String known = owners.get(owner);
        if (known != null) {
            return known;
        }
        if (owners.size() >= MAX_OWNERS) {
            return owner;
        }
        known = owners.putIfAbsent(owner, owner);
        return known == null ? owner : known;
    }

    @Override
    public void put(String owner, Stored response) {
        long now = nanoTime.getAsLong();
        Entry entry = new Entry(canonical(owner), response, now);
        Entry replaced;
        // a response stored again replaces the entry, key and all (a map keeps a replaced value's key)
        while ((replaced = responses.putIfAbsent(entry, entry)) != null) {
            if (removeExactly(replaced)) {
                replaced.gone(); // its tickets are outlived
            }
        }
        uses.add(entry);
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
        int use = entry.nextUse(); // two readers of one response each make a distinct use
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
        entry.gone();
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
        Object head;
        while ((head = uses.peek()) != null) {
            boolean current = current(head);
            if (current && responses.mappingCount() <= maxEntries && now - entryOf(head).usedAt <= ttlNanos) {
                return;
            }
            uses.poll();
            tickets.decrementAndGet();
            if (current) {
                forget(entryOf(head));
            }
        }
    }

    private void forget(Entry entry) {
        removeExactly(entry);
        entry.gone();
    }

    /** Removes this entry, not another of the same owner and id (entries are equal by key); whether it did. */
    private boolean removeExactly(Entry entry) {
        boolean[] removed = {false};
        responses.computeIfPresent(entry, (key, mapped) -> {
            removed[0] = mapped == entry;
            return removed[0] ? null : mapped;
        });
        return removed[0];
    }

    /**
     * Many outlived tickets (responses read again and again, or deleted, while few are written): they are swept
     * out of the queue, so that it stays within about twice the bound. Only in the upkeep.
     */
    private void compact() {
        uses.removeIf(ticket -> {
            boolean outlived = !current(ticket);
            if (outlived) {
                tickets.decrementAndGet();
            }
            return outlived;
        });
    }
}
