package io.gigagate.responses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * The default {@link ResponseStore}: one replica's memory, bounded by a number of responses and expiring
 * each a while after it was last written or read (a conversation in use keeps its chain; an idle one goes).
 * Settings: {@code gigagate.responses.store.max-entries} and {@code gigagate.responses.store.ttl}.
 *
 * <p>The cache's upkeep (the size bound's evictions, expiry) runs on Caffeine's default executor, batched,
 * not on the request thread after each write: once the store is full every stored response evicts one,
 * and doing that on each request's thread held about a twentieth of a Responses request's CPU samples.
 * Reads stay exact: an expired response is not returned even before the upkeep removes it.
 */
public final class InMemoryResponseStore implements ResponseStore {

    private final Cache<Key, Stored> responses;
    /** GigaChat storage threads' heads ({@link #threadHead}), by owner and thread id; expiring as the responses do. */
    private final Cache<Key, String> threadHeads;

    /**
     * @param maxEntries the most responses kept (the least recently used go first)
     * @param ttl        how long a response is kept after it was last written or read
     */
    public InMemoryResponseStore(long maxEntries, Duration ttl) {
        this(maxEntries, ttl, Ticker.systemTicker());
    }

    /** The same with the clock expiry reads (tests). */
    InMemoryResponseStore(long maxEntries, Duration ttl, Ticker ticker) {
        this.responses = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(ttl).ticker(ticker).build();
        this.threadHeads = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(ttl).ticker(ticker).build();
    }

    private record Key(String owner, String id) {
    }

    @Override
    public void put(String owner, Stored response) {
        responses.put(new Key(owner, response.id()), response);
    }

    @Override
    public Optional<Stored> get(String owner, String id) {
        return Optional.ofNullable(responses.getIfPresent(new Key(owner, id)));
    }

    @Override
    public boolean delete(String owner, String id) {
        return responses.asMap().remove(new Key(owner, id)) != null;
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

    /** Responses held now (for tests and metrics). */
    public long size() {
        responses.cleanUp();
        return responses.estimatedSize();
    }
}
