package io.gigagate.usage;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Budget counters shared by the replicas (PostgreSQL): tokens and requests per key and period. */
public interface BudgetCounters {

    /** One counter: a key's tokens and requests in one period ({@code day}, {@code month}, {@code minute}) from its start. */
    record Key(String apiKeyName, String period, Instant start) {
    }

    /**
     * Adds {@code deltas} ({tokens, requests}) and reads the totals of {@code read}, every replica's
     * additions included; a counter never written reads as absent.
     */
    Map<Key, long[]> addAndRead(Map<Key, long[]> deltas, Set<Key> read) throws Exception;
}
