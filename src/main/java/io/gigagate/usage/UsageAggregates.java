package io.gigagate.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The usage kept in memory, always on: sums per UTC day, key, model and front for the last {@code days}
 * days, and the last {@code recentLimit} records. The admin API and page read them when no database is
 * configured; they are this replica's only and start empty.
 */
public final class UsageAggregates implements UsageStore {

    /** Past this many distinct day/key/model/front cells a new model is counted as {@value #OTHER}. */
    static final int MAX_CELLS = 50_000;
    static final String OTHER = "other";

    private record Cell(LocalDate day, String key, String model, String front) {
    }

    private static final class Sums {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder input = new LongAdder();
        final LongAdder output = new LongAdder();
        final LongAdder cached = new LongAdder();
        final LongAdder reasoning = new LongAdder();
        final LongAdder latency = new LongAdder();
    }

    private final int days;
    private final int recentLimit;
    private final Map<Cell, Sums> cells = new ConcurrentHashMap<>();
    private final Deque<UsageRecord> recent = new ArrayDeque<>();
    private volatile LocalDate oldestKept = LocalDate.MIN;

    public UsageAggregates(int days, int recentLimit) {
        this.days = Math.max(1, days);
        this.recentLimit = Math.max(1, recentLimit);
    }

    public void add(UsageRecord r) {
        LocalDate day = LocalDate.ofInstant(r.time(), ZoneOffset.UTC);
        String model = r.model() != null ? r.model() : r.modelRequested() != null ? r.modelRequested() : "none";
        Cell cell = new Cell(day, r.apiKeyName(), model, r.front());
        Sums sums = cells.get(cell);
        if (sums == null) {
            if (cells.size() >= MAX_CELLS) {
                cell = new Cell(day, r.apiKeyName(), OTHER, r.front());
            }
            sums = cells.computeIfAbsent(cell, c -> new Sums());
        }
        sums.requests.increment();
        if (r.failed()) {
            sums.errors.increment();
        }
        sums.input.add(r.inputTokens());
        sums.output.add(r.outputTokens());
        sums.cached.add(r.cachedTokens());
        sums.reasoning.add(r.reasoningTokens());
        sums.latency.add(r.latencyMillis());
        synchronized (recent) {
            recent.addFirst(r); // with its captured content, if any: at most recentLimit of them
            while (recent.size() > recentLimit) {
                recent.removeLast();
            }
        }
        LocalDate oldest = day.minusDays(days - 1L);
        if (oldest.isAfter(oldestKept)) {
            oldestKept = oldest;
            cells.keySet().removeIf(c -> c.day().isBefore(oldest));
        }
    }

    @Override
    public String source() {
        return "memory";
    }

    @Override
    public List<UsageRow> summary(Set<UsageGrouping> groups, UsageQuery query) {
        LocalDate fromDay = query.from() == null ? null : LocalDate.ofInstant(query.from(), ZoneOffset.UTC);
        LocalDate toDay = query.to() == null ? null : LocalDate.ofInstant(query.to().minusNanos(1), ZoneOffset.UTC);
        Map<List<String>, long[]> rows = new HashMap<>();
        for (Map.Entry<Cell, Sums> e : cells.entrySet()) {
            Cell c = e.getKey();
            if ((fromDay != null && c.day().isBefore(fromDay)) || (toDay != null && c.day().isAfter(toDay))
                    || (query.apiKeyName() != null && !query.apiKeyName().equals(c.key()))
                    || (query.model() != null && !query.model().equals(c.model()))
                    || (query.front() != null && !query.front().equals(c.front()))) {
                continue;
            }
            List<String> key = new ArrayList<>(4);
            key.add(groups.contains(UsageGrouping.DAY) ? c.day().toString() : null);
            key.add(groups.contains(UsageGrouping.KEY) ? c.key() : null);
            key.add(groups.contains(UsageGrouping.MODEL) ? c.model() : null);
            key.add(groups.contains(UsageGrouping.FRONT) ? c.front() : null);
            long[] sums = rows.computeIfAbsent(key, k -> new long[7]);
            Sums s = e.getValue();
            sums[0] += s.requests.sum();
            sums[1] += s.errors.sum();
            sums[2] += s.input.sum();
            sums[3] += s.output.sum();
            sums[4] += s.cached.sum();
            sums[5] += s.reasoning.sum();
            sums[6] += s.latency.sum();
        }
        List<UsageRow> result = new ArrayList<>(rows.size());
        rows.forEach((k, s) -> result.add(new UsageRow(k.get(0), k.get(1), k.get(2), k.get(3), s[0], s[1], s[2], s[3], s[4],
                s[5], s[6])));
        result.sort(ORDER);
        return result;
    }

    /** By day (oldest first), then by tokens and requests, largest first. */
    static final Comparator<UsageRow> ORDER = Comparator
            .comparing((UsageRow r) -> r.day() == null ? "" : r.day())
            .thenComparing(Comparator.comparingLong(UsageRow::totalTokens).reversed())
            .thenComparing(Comparator.comparingLong(UsageRow::requests).reversed())
            .thenComparing(r -> String.valueOf(r.apiKeyName()) + '\u0000' + r.model() + '\u0000' + r.front());

    @Override
    public List<UsageRecord> recent(UsageQuery query, int limit) {
        List<UsageRecord> result = new ArrayList<>();
        synchronized (recent) {
            for (UsageRecord r : recent) {
                if (result.size() >= limit) {
                    break;
                }
                if (query.matches(r)) {
                    result.add(r);
                }
            }
        }
        return result;
    }

    @Override
    public Optional<UsageRecord> find(String requestId) {
        synchronized (recent) {
            return recent.stream().filter(r -> r.requestId().equals(requestId)).findFirst();
        }
    }

    @Override
    public void export(UsageQuery query, Consumer<UsageRecord> out) {
        List<UsageRecord> matching = recent(query, Integer.MAX_VALUE);
        for (int i = matching.size() - 1; i >= 0; i--) {
            out.accept(matching.get(i));
        }
    }

    @Override
    public long purge(Instant before) {
        long removed = 0;
        synchronized (recent) {
            Iterator<UsageRecord> it = recent.iterator();
            while (it.hasNext()) {
                if (it.next().time().isBefore(before)) {
                    it.remove();
                    removed++;
                }
            }
        }
        LocalDate day = LocalDate.ofInstant(before, ZoneOffset.UTC);
        cells.keySet().removeIf(c -> c.day().isBefore(day));
        return removed;
    }
}
