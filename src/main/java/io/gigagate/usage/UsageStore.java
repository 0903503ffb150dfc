package io.gigagate.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** What the admin API reads: summaries, recent requests, one request, exports; and the purge. */
public interface UsageStore {

    /** {@code postgres} or {@code memory}. */
    String source();

    /** Sums grouped by {@code groups}, ordered by day, then by tokens, largest first. */
    List<UsageRow> summary(Set<UsageGrouping> groups, UsageQuery query) throws Exception;

    /** The newest matching records first, at most {@code limit}. */
    List<UsageRecord> recent(UsageQuery query, int limit) throws Exception;

    Optional<UsageRecord> find(String requestId) throws Exception;

    /** Every matching record, oldest first, handed to {@code out} one by one. */
    void export(UsageQuery query, Consumer<UsageRecord> out) throws Exception;

    /** Removes the records older than {@code before}; returns how many. */
    long purge(Instant before) throws Exception;
}
