package io.gigagate.usage;

import java.time.Instant;
import java.util.List;

/**
 * Where usage records are written, in batches, by {@link UsageRecorder}'s writer thread only. A write that
 * throws is retried with the same batch later, so a sink must make a repeated batch harmless (the PostgreSQL
 * sink ignores request ids it already has).
 */
public interface UsageSink extends AutoCloseable {

    /** Its name in metrics, health and logs: {@code postgres}, {@code jsonl}. */
    String name();

    void write(List<UsageRecord> batch) throws Exception;

    /**
     * Retention: removes records older than {@code recordsBefore} and captured content older than
     * {@code contentBefore}; returns how many records went. Sinks that cannot purge (files rotate) return 0.
     */
    default long purge(Instant recordsBefore, Instant contentBefore) throws Exception {
        return 0;
    }

    @Override
    default void close() {
    }
}
