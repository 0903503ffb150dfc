package io.gigagate.usage;

import io.gigagate.security.LogSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes usage records off the request path: {@link #record} only offers the record to a bounded queue (a
 * full queue drops it and counts the drop; it never waits), and one daemon thread, {@value #THREAD_NAME},
 * adds each to the in-memory {@link UsageAggregates} as it takes it and writes them to the sinks in batches of
 * {@code batchSize} records, waiting at most {@code flushInterval} from a batch's first record for the rest of it.
 *
 * <p>A sink that fails keeps its batches and gets them again with a growing pause (100 ms to 30 s), so a
 * database that is down for a while loses nothing as long as its backlog fits in {@code queueSize} records;
 * past that the oldest batches are dropped and counted. The same thread purges old records at
 * {@code purgeInterval}. {@link #close} writes what is left (for at most {@code closeTimeout}).
 */
public final class UsageRecorder implements AutoCloseable {

    public static final String THREAD_NAME = "gigagate-usage-writer";
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long FILL_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** What the health detail and the admin API show of a sink. */
    public record SinkStatus(String name, boolean healthy, long written, long failures, long pending, String lastError) {
    }

    private final class SinkState {
        final UsageSink sink;
        final Deque<List<UsageRecord>> pending = new ArrayDeque<>();
        long pendingRecords;
        long backoffMillis;
        long nextAttemptNanos;
        final AtomicLong written = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile boolean healthy = true;
        volatile String lastError;
        volatile long pendingView;

        SinkState(UsageSink sink) {
            this.sink = sink;
        }

        void add(List<UsageRecord> batch) {
            pending.addLast(batch);
            pendingRecords += batch.size();
            while (pendingRecords > queueSize && pending.size() > 1) {
                List<UsageRecord> lost = pending.removeFirst();
                pendingRecords -= lost.size();
                dropped.addAndGet(lost.size());
            }
            pendingView = pendingRecords;
        }

        /** Writes pending batches in order until one fails or none is left; false when one failed. */
        boolean flush(long nowNanos) {
            if (pending.isEmpty() || nowNanos - nextAttemptNanos < 0) {
                return pending.isEmpty();
            }
            while (!pending.isEmpty()) {
                List<UsageRecord> batch = pending.peekFirst();
                try {
                    sink.write(batch);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Exception | Error e) {
                    // anything a driver throws, its assertion errors included (pgjdbc asserts on a connection cut
                    // mid-batch): the writer thread must outlive every failure of a sink
                    failures.incrementAndGet();
                    String error = LogSecrets.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
                    if (healthy) {
                        LOG.warn("Usage sink {} failed, its records are kept and written again later: {}", sink.name(), error);
                    }
                    healthy = false;
                    lastError = error;
                    backoffMillis = backoffMillis == 0 ? MIN_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
                    nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
                    return false;
                }
                pending.removeFirst();
                pendingRecords -= batch.size();
                pendingView = pendingRecords;
                written.addAndGet(batch.size());
                if (!healthy) {
                    LOG.info("Usage sink {} writes again", sink.name());
                }
                healthy = true;
                backoffMillis = 0;
            }
            return true;
        }

        SinkStatus status() {
            return new SinkStatus(sink.name(), healthy, written.get(), failures.get(), pendingView, lastError);
        }
    }

    private final BlockingQueue<UsageRecord> queue;
    private final int queueSize;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final UsageAggregates aggregates;
    private final List<SinkState> sinks = new ArrayList<>();
    private final Duration retention;
    private final Duration contentRetention;
    private final Duration purgeInterval;
    private final Duration closeTimeout;
    private final Clock clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param retention        records older than this are purged from the sinks (zero: never)
     * @param contentRetention captured content older than this is removed (zero: never)
     * @param purgeInterval    how often the purge runs (zero: never)
     */
    public UsageRecorder(List<UsageSink> sinks, UsageAggregates aggregates, int queueSize, int batchSize,
            Duration flushInterval, Duration retention, Duration contentRetention, Duration purgeInterval,
            Duration closeTimeout, Clock clock) {
        this.queueSize = Math.max(1, queueSize);
        this.queue = new ArrayBlockingQueue<>(this.queueSize);
        this.batchSize = Math.max(1, batchSize);
        this.flushIntervalNanos = Math.max(1, flushInterval.toNanos());
        this.aggregates = aggregates;
        sinks.forEach(s -> this.sinks.add(new SinkState(s)));
        this.retention = retention;
        this.contentRetention = contentRetention;
        this.purgeInterval = purgeInterval;
        this.closeTimeout = closeTimeout;
        this.clock = clock;
        this.writer = new Thread(this::run, THREAD_NAME);
        writer.setDaemon(true);
        writer.start();
    }

    /** Offers the record; never blocks. False when the queue was full and the record is dropped (counted). */
    public boolean record(UsageRecord record) {
        if (running && queue.offer(record)) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    public UsageAggregates aggregates() {
        return aggregates;
    }

    /** Records taken into the queue since start. */
    public long accepted() {
        return accepted.get();
    }

    /** Records lost: the queue was full, or a failing sink's backlog outgrew the queue size. */
    public long dropped() {
        return dropped.get();
    }

    public int queued() {
        return queue.size();
    }

    public int capacity() {
        return queueSize;
    }

    public List<SinkStatus> sinks() {
        return sinks.stream().map(SinkState::status).toList();
    }

    /** The sink names configured, in order. */
    public List<String> sinkNames() {
        return sinks.stream().map(s -> s.sink.name()).toList();
    }

    /** For the health detail: queue, drops and each sink. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queued", queued());
        details.put("capacity", capacity());
        details.put("accepted", accepted());
        details.put("dropped", dropped());
        Map<String, Object> perSink = new LinkedHashMap<>();
        for (SinkStatus s : sinks()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("healthy", s.healthy());
            d.put("written", s.written());
            d.put("failures", s.failures());
            d.put("pending", s.pending());
            if (s.lastError() != null && !s.healthy()) {
                d.put("lastError", s.lastError());
            }
            perSink.put(s.name(), d);
        }
        details.put("sinks", perSink);
        return details;
    }

    private void run() {
        long nextPurge = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (running || !queue.isEmpty()) {
            try {
                UsageRecord first = queue.poll(waitNanos(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    List<UsageRecord> batch = new ArrayList<>(batchSize);
                    batch.add(first);
                    aggregates.add(first);
                    fill(batch);
                    List<UsageRecord> shared = List.copyOf(batch);
                    sinks.forEach(s -> s.add(shared));
                }
            } catch (InterruptedException e) {
                if (running) {
                    continue; // close() interrupts only after running is false
                }
            } catch (RuntimeException e) {
                LOG.warn("Usage recorder: {}", LogSecrets.mask(String.valueOf(e)));
            }
            try {
                long now = System.nanoTime();
                sinks.forEach(s -> s.flush(now));
                if (!purgeInterval.isZero() && now - nextPurge >= 0) {
                    nextPurge = now + purgeInterval.toNanos();
                    purge();
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // the writer thread outlives whatever a sink throws
                LOG.warn("Usage recorder: {}", LogSecrets.mask(String.valueOf(e)));
            }
        }
    }

    /**
     * Takes what is queued into the batch, then waits for the rest of a batch, at most the flush interval from
     * its first record: each write costs the database a transaction, so a few large ones are much cheaper than
     * many small ones. It sleeps rather than waits on the queue, so adding a record wakes no thread. The
     * in-memory aggregates get each record as it is taken, not when its batch is written.
     */
    private void fill(List<UsageRecord> batch) {
        long deadline = System.nanoTime() + flushIntervalNanos;
        drain(batch);
        while (running && batch.size() < batchSize) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, FILL_STEP_NANOS));
            } catch (InterruptedException e) {
                return; // close(): the batch is written with the rest
            }
            drain(batch);
        }
    }

    private void drain(List<UsageRecord> batch) {
        int from = batch.size();
        queue.drainTo(batch, batchSize - from);
        for (int i = from; i < batch.size(); i++) {
            aggregates.add(batch.get(i));
        }
    }

    /** Until the next flush attempt: a failing sink's pause, or the flush interval. */
    private long waitNanos() {
        long wait = flushIntervalNanos;
        long now = System.nanoTime();
        for (SinkState s : sinks) {
            if (!s.pending.isEmpty()) {
                wait = Math.min(wait, Math.max(1, s.nextAttemptNanos - now));
            }
        }
        return wait;
    }

    /** The retention purge of every sink; also called by the admin API's purge. */
    public synchronized void purge() {
        Instant now = clock.instant();
        Instant before = retention.isZero() ? Instant.EPOCH : now.minus(retention);
        Instant contentBefore = contentRetention.isZero() ? Instant.EPOCH : now.minus(contentRetention);
        for (SinkState s : sinks) {
            try {
                long n = s.sink.purge(before, contentBefore);
                if (n > 0) {
                    LOG.info("Usage sink {}: {} records older than {} purged", s.sink.name(), n, before);
                }
            } catch (Exception e) {
                LOG.warn("Usage sink {}: purge failed: {}", s.sink.name(), LogSecrets.mask(String.valueOf(e)));
            }
        }
    }

    /** Stops taking records, writes what is queued and pending (for at most the close timeout), closes the sinks. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            // still writing (a sink that hangs): its batches stay with it; the sinks are not closed under it
            LOG.warn("Usage recorder: the writer did not finish within {}; {} records may be lost", closeTimeout,
                    queue.size() + sinks.stream().mapToLong(st -> st.pendingView).sum());
            return;
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        for (SinkState s : sinks) {
            while (!s.pending.isEmpty() && System.nanoTime() - deadline < 0) {
                s.nextAttemptNanos = System.nanoTime();
                if (!s.flush(System.nanoTime())) {
                    try {
                        Thread.sleep(MIN_BACKOFF_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (!s.pending.isEmpty()) {
                LOG.warn("Usage sink {}: {} records not written at shutdown", s.sink.name(), s.pendingRecords);
            }
            s.sink.close();
        }
    }
}
