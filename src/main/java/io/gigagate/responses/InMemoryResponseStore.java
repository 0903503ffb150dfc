package io.gigagate.responses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The default {@link ResponseStore}: one replica's memory, bounded by a number of responses and by bytes, each
 * response expiring a while after it was last written or read (a conversation in use keeps its chain; an idle one
 * goes). Settings: {@code gigagate.responses.store.max-entries}, {@code gigagate.responses.store.max-bytes} and
 * {@code gigagate.responses.store.ttl}.
 *
 * <p>Responses are kept as bytes in large arrays, not as objects: a held response is nothing for the garbage
 * collector to trace, copy or remember. An object per response, however small, was most of a stored request's extra
 * cost: each one written into a long-lived map made the young collections scan old memory for it, and the old
 * generation it filled was marked again and again (a profile of stored against {@code store: false} requests: 4.8
 * against 1.4 collector samples per 1,000 requests, plus 1.2 in the map itself).
 *
 * <p>The store is a few segments (by a hash of owner and id), each under its own lock, held for a copy of the
 * response's bytes. A segment is a log: records are appended to its head block ({@value #BLOCK_BYTES} bytes, or one
 * record's size when larger), and what goes first is taken from its tail. Its index is an open-addressing table of
 * primitive arrays (the key's hash and the record's place). A record holds its owner, id, previous response id,
 * GigaChat thread, last use and bytes. Eviction is that of a log with second chances:
 * <ul>
 *   <li>over the count bound, the oldest written record goes (records deleted or written again since are already
 *       gone, and are skipped);</li>
 *   <li>over the byte bound, the oldest block goes with whatever it still holds;</li>
 *   <li>a read of a record in the older half of its segment's log writes it again at the head, so a response in
 *       use is not the next to go: the least recently used go first, to within half a log;</li>
 *   <li>a record unused for the TTL is gone when read, and is dropped at the tail on writes.</li>
 * </ul>
 */
public final class InMemoryResponseStore implements ResponseStore {

    /** The byte bound when none is given (tests; the setting's default is the same). */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /**
     * A block's size: just under 1 MB, so that on a small heap (1 MB G1 regions) a block is one humongous region
     * rather than two.
     */
    static final int BLOCK_BYTES = (1 << 20) - 64;
    /** The fewest responses a segment is given when there are several. */
    private static final int MIN_SEGMENT_ENTRIES = 1024;
    private static final int MAX_SEGMENTS = 16;
    /** A segment index's first capacity (slots; doubled when half full). */
    private static final int INITIAL_INDEX = 256;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    // a record's fixed fields (the rest: record())
    private static final int LENGTH = 0;
    private static final int HASH = 4;
    private static final int SEQUENCE = 12;
    private static final int USED_AT = 20;
    private static final int OWNER = 28;

    private final Segment[] segments;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    /**
     * GigaChat storage threads' heads ({@link #threadHead}) by owner and thread id, bounded and expiring as the
     * responses are. Only Responses turns on GigaChat's storage touch them (one write a turn).
     */
    private final Cache<Key, String> threadHeads;

    /**
     * @param maxEntries the most responses kept
     * @param ttl        how long a response is kept after it was last written or read
     */
    public InMemoryResponseStore(long maxEntries, Duration ttl) {
        this(maxEntries, DEFAULT_MAX_BYTES, ttl);
    }

    /**
     * @param maxEntries the most responses kept
     * @param maxBytes   the most bytes of responses kept (a response larger than a segment's share is kept alone)
     * @param ttl        how long a response is kept after it was last written or read
     */
    public InMemoryResponseStore(long maxEntries, long maxBytes, Duration ttl) {
        this(maxEntries, maxBytes, ttl, System::nanoTime, BLOCK_BYTES);
    }

    /** The same with the clock expiry reads (tests). */
    InMemoryResponseStore(long maxEntries, Duration ttl, LongSupplier nanoTime) {
        this(maxEntries, DEFAULT_MAX_BYTES, ttl, nanoTime, BLOCK_BYTES);
    }

    /** The same with the clock expiry reads and a block size (tests). */
    InMemoryResponseStore(long maxEntries, long maxBytes, Duration ttl, LongSupplier nanoTime, int blockBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("The response store keeps at least one response, not " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("The response store keeps at least one byte, not " + maxBytes);
        }
        int entries = (int) Math.min(maxEntries, Integer.MAX_VALUE / 4);
        int count = 1;
        while (count < MAX_SEGMENTS && entries / (count * 2) >= MIN_SEGMENT_ENTRIES) {
            count *= 2;
        }
        this.segments = new Segment[count];
        for (int i = 0; i < count; i++) {
            int share = entries / count + (i < entries % count ? 1 : 0);
            segments[i] = new Segment(share, Math.max(1, maxBytes / count), blockBytes);
        }
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.threadHeads = Caffeine.newBuilder().maximumSize(entries).expireAfterAccess(ttl)
                .ticker(nanoTime::getAsLong).build();
    }

    private record Key(String owner, String id) {
    }

    @Override
    public void put(String owner, Stored response) {
        long hash = hash(owner, response.id());
        segment(hash).put(hash, record(hash, owner, response), nanoTime.getAsLong());
    }

    @Override
    public Optional<Stored> get(String owner, String id) {
        long hash = hash(owner, id);
        byte[] record = segment(hash).get(hash, owner.getBytes(StandardCharsets.UTF_8),
                id.getBytes(StandardCharsets.UTF_8), nanoTime.getAsLong());
        return record == null ? Optional.empty() : Optional.of(read(record));
    }

    @Override
    public boolean delete(String owner, String id) {
        long hash = hash(owner, id);
        return segment(hash).delete(hash, owner.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8));
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

    /** Responses held now (tests), those found expired at the segments' tails dropped first. */
    long size() {
        long now = nanoTime.getAsLong();
        long size = 0;
        for (Segment segment : segments) {
            size += segment.size(now);
        }
        return size;
    }

    /** Bytes of blocks held now, the records deleted, written again or expired in them included (tests). */
    long heldBytes() {
        long bytes = 0;
        for (Segment segment : segments) {
            bytes += segment.heldBytes();
        }
        return bytes;
    }

    int segmentCount() {
        return segments.length;
    }

    private Segment segment(long hash) {
        return segments[(int) (hash >>> 58) & (segments.length - 1)];
    }

    /** A 64-bit hash of owner and id (a finalizer over their string hashes); keys are compared in full besides. */
    private static long hash(String owner, String id) {
        long h = owner.hashCode() * 0x9E3779B97F4A7C15L + id.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** One block of a segment's log: its bytes and how far records fill it. */
    private static final class Block {
        final byte[] bytes;
        int limit;

        Block(int size) {
            this.bytes = new byte[size];
        }
    }

    /**
     * A share of the store: a log of blocks in a ring, its index, its bounds. Every method runs under the
     * segment's lock.
     */
    private final class Segment {
        private static final long EMPTY = -1;

        private final int maxEntries;
        private final long maxBytes;
        private final int blockBytes;
        /** The log's blocks, oldest ({@link #tail}) to newest ({@link #head}), in a ring of slots. */
        private final Block[] blocks;
        private int tail;
        private int head;
        /** Blocks in use ({@link #tail} to {@link #head}); 0 while nothing was written. */
        private int used;
        /** Where in the tail block the oldest record still in the log is. */
        private int tailOffset;
        private long heldBytes;
        /** A freed block of the standard size, kept for the next one needed. */
        private Block spare;
        /** The next record's sequence number, and that of the oldest record in the log. */
        private long nextSequence;
        private long tailSequence;

        /**
         * The index: a record's key hash and its place ({@code slot << 32 | offset}), EMPTY for none; at most half
         * full, doubled as responses come (a large bound costs no memory until it is used).
         */
        private long[] hashes;
        private long[] places;
        private int mask;
        private int count;

        Segment(int maxEntries, long maxBytes, int blockBytes) {
            this.maxEntries = maxEntries;
            this.maxBytes = maxBytes;
            this.blockBytes = (int) Math.min(blockBytes, maxBytes);
            this.blocks = new Block[(int) Math.min(Integer.MAX_VALUE / 2, maxBytes / this.blockBytes + 2)];
            index(INITIAL_INDEX);
        }

        /** Appends the record (written by {@link #record}), which replaces any of the same owner and id. */
        synchronized void put(long hash, byte[] record, long now) {
            int slot = find(hash, record, OWNER);
            if (slot >= 0) {
                removeSlot(slot); // the record written before is gone; this one takes its key
            }
            LONG.set(record, USED_AT, now);
            append(hash, record);
            while (count > maxEntries) {
                dropTail();
            }
            dropExpiredTail(now);
        }

        /** A copy of the live record of this key, or null; a record read while in the older half is written again. */
        synchronized byte[] get(long hash, byte[] owner, byte[] id, long now) {
            int slot = find(hash, owner, id);
            if (slot < 0) {
                return null;
            }
            long place = places[slot];
            byte[] b = blocks[(int) (place >>> 32)].bytes;
            int at = (int) place;
            if (now - (long) LONG.get(b, at + USED_AT) > ttlNanos) {
                removeSlot(slot);
                return null;
            }
            LONG.set(b, at + USED_AT, now);
            byte[] record = Arrays.copyOfRange(b, at, at + (int) INT.get(b, at + LENGTH));
            long sequence = (long) LONG.get(b, at + SEQUENCE);
            if (sequence - tailSequence < (nextSequence - tailSequence) / 2) {
                // in the older half of the log: written again at the head, so that it is not among the next to go
                removeSlot(slot);
                append(hash, record);
            }
            return record;
        }

        synchronized boolean delete(long hash, byte[] owner, byte[] id) {
            int slot = find(hash, owner, id);
            if (slot < 0) {
                return false;
            }
            removeSlot(slot);
            return true;
        }

        synchronized long size(long now) {
            dropExpiredTail(now);
            return count;
        }

        synchronized long heldBytes() {
            return heldBytes;
        }

        // ---- the log ----

        /** The record at the head of the log, with the next sequence number, and in the index. */
        private void append(long hash, byte[] record) {
            LONG.set(record, SEQUENCE, nextSequence++);
            long place = room(record.length);
            System.arraycopy(record, 0, blocks[(int) (place >>> 32)].bytes, (int) place, record.length);
            addSlot(hash, place);
        }

        /** Room for a record of this length at the head; its place. Older records may go to make the room. */
        private long room(int length) {
            Block current = used == 0 ? null : blocks[head];
            if (current == null || current.bytes.length - current.limit < length) {
                int size = Math.max(blockBytes, length);
                while (used > 0 && (heldBytes + size > maxBytes || used == blocks.length)) {
                    dropTailBlock();
                }
                Block block = spare != null && size == blockBytes ? spare : new Block(size);
                if (block == spare) {
                    spare = null;
                    block.limit = 0;
                }
                if (used == 0) {
                    head = tail;
                    tailOffset = 0;
                    tailSequence = nextSequence;
                } else {
                    head = (head + 1) % blocks.length;
                }
                blocks[head] = block;
                used++;
                heldBytes += block.bytes.length;
                current = block;
            }
            long place = (long) head << 32 | current.limit;
            current.limit += length;
            return place;
        }

        /** Drops the oldest record of the log (a live one leaves the index). */
        private void dropTail() {
            Block block = blocks[tail];
            int at = tailOffset;
            byte[] b = block.bytes;
            forget((long) LONG.get(b, at + HASH), (long) tail << 32 | at);
            tailOffset = at + (int) INT.get(b, at + LENGTH);
            if (tailOffset >= block.limit) {
                if (tail == head) {
                    empty();
                } else {
                    freeTailBlock();
                }
            } else {
                tailSequence = (long) LONG.get(b, tailOffset + SEQUENCE);
            }
        }

        /** Drops the tail's records unused for longer than the TTL, up to the first that is not (or is gone). */
        private void dropExpiredTail(long now) {
            while (used > 0) {
                byte[] b = blocks[tail].bytes;
                long place = (long) tail << 32 | tailOffset;
                int slot = slotOf((long) LONG.get(b, tailOffset + HASH), place);
                if (slot >= 0 && now - (long) LONG.get(b, tailOffset + USED_AT) <= ttlNanos) {
                    return;
                }
                dropTail();
            }
        }

        /** Drops the oldest block, the records still in it with it. */
        private void dropTailBlock() {
            Block block = blocks[tail];
            byte[] b = block.bytes;
            for (int at = tailOffset; at < block.limit; at += (int) INT.get(b, at + LENGTH)) {
                forget((long) LONG.get(b, at + HASH), (long) tail << 32 | at);
            }
            if (tail == head) {
                empty();
            } else {
                freeTailBlock();
            }
        }

        private void freeTailBlock() {
            release(blocks[tail]);
            blocks[tail] = null;
            tail = (tail + 1) % blocks.length;
            used--;
            tailOffset = 0;
            tailSequence = (long) LONG.get(blocks[tail].bytes, SEQUENCE);
        }

        /** The log holds nothing now. */
        private void empty() {
            release(blocks[tail]);
            blocks[tail] = null;
            used = 0;
            tailOffset = 0;
            tailSequence = nextSequence;
        }

        private void release(Block block) {
            heldBytes -= block.bytes.length;
            if (block.bytes.length == blockBytes) {
                spare = block;
            }
        }

        // ---- the index: linear probing, deletion by shifting back ----

        /** The slot of the live record with the key of the record {@code key} (its owner and id from {@code at}), or -1. */
        private int find(long hash, byte[] key, int at) {
            int ownerLength = (int) INT.get(key, at);
            int idAt = at + 4 + ownerLength;
            int idLength = (int) INT.get(key, idAt);
            for (int i = (int) hash & mask; places[i] != EMPTY; i = (i + 1) & mask) {
                if (hashes[i] == hash && keyIs(places[i], key, at + 4, ownerLength, key, idAt + 4, idLength)) {
                    return i;
                }
            }
            return -1;
        }

        /** The slot of the live record with this key, or -1. */
        private int find(long hash, byte[] owner, byte[] id) {
            for (int i = (int) hash & mask; places[i] != EMPTY; i = (i + 1) & mask) {
                if (hashes[i] == hash && keyIs(places[i], owner, 0, owner.length, id, 0, id.length)) {
                    return i;
                }
            }
            return -1;
        }

        /** The slot that points at this place (its record is live), or -1. */
        private int slotOf(long hash, long place) {
            for (int i = (int) hash & mask; places[i] != EMPTY; i = (i + 1) & mask) {
                if (places[i] == place) {
                    return i;
                }
            }
            return -1;
        }

        /** The record at this place leaves the index, if it is live. */
        private void forget(long hash, long place) {
            int slot = slotOf(hash, place);
            if (slot >= 0) {
                removeSlot(slot);
            }
        }

        private void index(int capacity) {
            hashes = new long[capacity];
            places = new long[capacity];
            mask = capacity - 1;
            Arrays.fill(places, EMPTY);
        }

        private void addSlot(long hash, long place) {
            if (2 * (count + 1) > places.length) {
                long[] oldHashes = hashes;
                long[] oldPlaces = places;
                index(places.length * 2);
                count = 0;
                for (int i = 0; i < oldPlaces.length; i++) {
                    if (oldPlaces[i] != EMPTY) {
                        addSlot(oldHashes[i], oldPlaces[i]);
                    }
                }
            }
            int i = (int) hash & mask;
            while (places[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            hashes[i] = hash;
            places[i] = place;
            count++;
        }

        private void removeSlot(int slot) {
            count--;
            int hole = slot;
            for (int i = (hole + 1) & mask; places[i] != EMPTY; i = (i + 1) & mask) {
                int home = (int) hashes[i] & mask;
                // an entry may fill the hole when its home is not cyclically within (hole, i]
                boolean between = hole <= i ? hole < home && home <= i : hole < home || home <= i;
                if (!between) {
                    hashes[hole] = hashes[i];
                    places[hole] = places[i];
                    hole = i;
                }
            }
            places[hole] = EMPTY;
        }

        private boolean keyIs(long place, byte[] owner, int ownerAt, int ownerLength, byte[] id, int idAt,
                              int idLength) {
            byte[] b = blocks[(int) (place >>> 32)].bytes;
            int at = (int) place + OWNER;
            if ((int) INT.get(b, at) != ownerLength
                    || !Arrays.equals(b, at + 4, at + 4 + ownerLength, owner, ownerAt, ownerAt + ownerLength)) {
                return false;
            }
            at += 4 + ownerLength;
            return (int) INT.get(b, at) == idLength
                    && Arrays.equals(b, at + 4, at + 4 + idLength, id, idAt, idAt + idLength);
        }
    }

    // ---- records ----

    /**
     * A response as a record: length, key hash, then (set when it is appended) sequence number and last use, then
     * the strings owner, id, previous response id, thread id, thread model (length, UTF-8; -1 for null), then the
     * response and input bytes (length, bytes). Written outside the segment's lock, which only copies it in.
     */
    private static byte[] record(long hash, String owner, Stored response) {
        byte[] ownerBytes = utf8(owner);
        byte[] id = utf8(response.id());
        byte[] previous = utf8(response.previousResponseId());
        byte[] threadId = response.thread() == null ? null : utf8(response.thread().id());
        byte[] model = response.thread() == null ? null : utf8(response.thread().model());
        long length = OWNER + (long) field(ownerBytes) + field(id) + field(previous) + field(threadId) + field(model)
                + field(response.responseJson()) + field(response.inputJson());
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a response too large to store: " + length + " bytes");
        }
        byte[] b = new byte[(int) length];
        INT.set(b, LENGTH, (int) length);
        LONG.set(b, HASH, hash);
        int at = write(b, OWNER, ownerBytes);
        at = write(b, at, id);
        at = write(b, at, previous);
        at = write(b, at, threadId);
        at = write(b, at, model);
        at = write(b, at, response.responseJson());
        write(b, at, response.inputJson());
        return b;
    }

    private static Stored read(byte[] b) {
        int at = skip(b, OWNER); // the owner: the caller's own
        String id = string(b, at);
        at = skip(b, at);
        String previous = string(b, at);
        at = skip(b, at);
        String threadId = string(b, at);
        at = skip(b, at);
        String model = string(b, at);
        at = skip(b, at);
        byte[] response = bytes(b, at);
        at = skip(b, at);
        byte[] input = bytes(b, at);
        UpstreamThread thread = threadId == null ? null : new UpstreamThread(threadId, model);
        return new Stored(id, previous, response, input, thread);
    }

    private static int field(byte[] value) {
        return 4 + (value == null ? 0 : value.length);
    }

    private static int write(byte[] b, int at, byte[] value) {
        if (value == null) {
            INT.set(b, at, -1);
            return at + 4;
        }
        INT.set(b, at, value.length);
        System.arraycopy(value, 0, b, at + 4, value.length);
        return at + 4 + value.length;
    }

    private static int skip(byte[] b, int at) {
        return at + 4 + Math.max(0, (int) INT.get(b, at));
    }

    private static String string(byte[] b, int at) {
        int length = (int) INT.get(b, at);
        return length < 0 ? null : new String(b, at + 4, length, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[] b, int at) {
        int length = (int) INT.get(b, at);
        return Arrays.copyOfRange(b, at + 4, at + 4 + length);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
