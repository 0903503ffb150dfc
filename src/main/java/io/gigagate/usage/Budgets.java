package io.gigagate.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.security.KeyBudget;
import io.gigagate.security.LogSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets per API key: tokens per UTC day and per UTC month, and requests per minute. A request is admitted
 * while the key's counters are below its limits ({@link #admit}, from the access policy); the tokens GigaChat
 * reported are charged when the request is done ({@link #charge}), so the request that crosses a token
 * budget is served and the next one is refused: 429 in the front's shape, {@code Retry-After} in seconds and
 * {@value #RESET_HEADER} with the instant the budget resets.
 *
 * <p>Admission never waits on a database. With shared counters ({@link BudgetCounters}, PostgreSQL) a daemon
 * thread, {@value #THREAD_NAME}, adds this replica's counts to the shared ones and reads every replica's totals
 * every {@code syncInterval}; a key is then judged by the shared total plus what this replica counted since.
 * So the replicas share the budget (overrunning it by at most what they serve in one interval) and the counters
 * survive restarts. Without them the counters are this replica's, in memory.
 */
public final class Budgets implements KeyBudget, AutoCloseable {

    public static final String RESET_HEADER = "x-gigagate-budget-reset";
    public static final String THREAD_NAME = "gigagate-budget-sync";
    /** The limit of keys that have none of their own. */
    public static final String DEFAULT_KEY = "*";
    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);

    /** A key's limits; 0 = none of that kind. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Limit(long tokensPerDay, long tokensPerMonth, long requestsPerMinute) {
        @JsonIgnore
        public boolean any() {
            return tokensPerDay > 0 || tokensPerMonth > 0 || requestsPerMinute > 0;
        }
    }

    /** One key's budget now, for the admin API and page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(String apiKeyName, Limit limit, long tokensToday, long tokensThisMonth, long requestsThisMinute,
                         Instant dayResets, Instant monthResets, boolean exhausted) {
    }

    private static final class Counter {
        final AtomicLong localTokens = new AtomicLong();
        final AtomicLong localRequests = new AtomicLong();
        /** Taken by a sync that has not finished: still counted. */
        volatile long syncingTokens;
        volatile long syncingRequests;
        volatile long sharedTokens;
        volatile long sharedRequests;

        long tokens() {
            return sharedTokens + syncingTokens + localTokens.get();
        }

        long requests() {
            return sharedRequests + syncingRequests + localRequests.get();
        }
    }

    private final Map<String, Limit> limits;
    private final Limit defaultLimit;
    private final BudgetCounters shared;
    private final Clock clock;
    private final Map<BudgetCounters.Key, Counter> counters = new ConcurrentHashMap<>();
    private final Thread sync;
    private final long syncMillis;
    private volatile boolean running = true;
    private volatile String lastSyncError;

    /**
     * @param limits       per key name; the key {@value #DEFAULT_KEY} applies to keys without their own
     * @param shared       the replicas' counters, or null (this replica's only)
     * @param syncInterval how often the shared counters are written and read
     */
    public Budgets(Map<String, Limit> limits, BudgetCounters shared, Duration syncInterval, Clock clock) {
        Map<String, Limit> own = new LinkedHashMap<>();
        (limits == null ? Map.<String, Limit>of() : limits).forEach((k, v) -> {
            if (v != null && v.any()) {
                own.put(k, v);
            }
        });
        this.defaultLimit = own.remove(DEFAULT_KEY);
        this.limits = Map.copyOf(own);
        this.shared = shared;
        this.clock = clock;
        this.syncMillis = Math.max(10, syncInterval.toMillis());
        if (shared != null && enabled()) {
            sync = new Thread(this::syncLoop, THREAD_NAME);
            sync.setDaemon(true);
            sync.start();
        } else {
            sync = null;
        }
    }

    /** Whether any key has a budget. */
    public boolean enabled() {
        return defaultLimit != null || !limits.isEmpty();
    }

    private Limit limit(String key) {
        Limit own = limits.get(key);
        return own != null ? own : defaultLimit;
    }

    static Instant dayStart(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS);
    }

    static Instant monthStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    static Instant nextMonth(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }

    private Counter counter(String key, String period, Instant start) {
        BudgetCounters.Key k = new BudgetCounters.Key(key, period, start);
        Counter c = counters.get(k);
        if (c == null) {
            if (shared == null) {
                // a new period began (or a new key): this replica's past periods are of no more use
                Instant now = clock.instant();
                counters.keySet().removeIf(old -> !isCurrent(old, now));
            }
            c = counters.computeIfAbsent(k, x -> new Counter());
        }
        return c;
    }

    @Override
    public void admit(String keyName) {
        Limit limit = limit(keyName);
        if (limit == null) {
            return;
        }
        Instant now = clock.instant();
        if (limit.tokensPerMonth() > 0) {
            long used = counter(keyName, "month", monthStart(now)).tokens();
            if (used >= limit.tokensPerMonth()) {
                throw refused(ErrorCategory.QUOTA, "budget_exceeded", "This API key's token budget for the month ("
                        + limit.tokensPerMonth() + " tokens) is spent; it resets at " + nextMonth(now) + ".", now,
                        nextMonth(now));
            }
        }
        if (limit.tokensPerDay() > 0) {
            long used = counter(keyName, "day", dayStart(now)).tokens();
            if (used >= limit.tokensPerDay()) {
                Instant reset = dayStart(now).plus(1, ChronoUnit.DAYS);
                throw refused(ErrorCategory.QUOTA, "budget_exceeded", "This API key's token budget for the day ("
                        + limit.tokensPerDay() + " tokens) is spent; it resets at " + reset + ".", now, reset);
            }
        }
        if (limit.requestsPerMinute() > 0) {
            Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
            Counter c = counter(keyName, "minute", minute);
            if (c.requests() >= limit.requestsPerMinute()) {
                Instant reset = minute.plus(1, ChronoUnit.MINUTES);
                throw refused(ErrorCategory.RATE_LIMIT, "rate_limit_exceeded", "This API key's budget of "
                        + limit.requestsPerMinute() + " requests per minute is spent; it resets at " + reset + ".", now, reset);
            }
            c.localRequests.incrementAndGet();
        }
        // a day/month counter of a key seen for the first time is read at the next sync
        if (limit.tokensPerDay() > 0) {
            counter(keyName, "day", dayStart(now));
        }
        if (limit.tokensPerMonth() > 0) {
            counter(keyName, "month", monthStart(now));
        }
    }

    private static GatewayException refused(ErrorCategory category, String code, String message, Instant now, Instant reset) {
        long seconds = Math.max(1, (Duration.between(now, reset).toMillis() + 999) / 1000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", String.valueOf(seconds));
        headers.put(RESET_HEADER, reset.toString());
        return new GatewayException(429, category, code, null, message).withHeaders(headers);
    }

    /** Charges a finished request's tokens to its key's day and month. */
    public void charge(String keyName, long tokens, Instant at) {
        Limit limit = limit(keyName);
        if (limit == null || tokens <= 0) {
            return;
        }
        if (limit.tokensPerDay() > 0) {
            counter(keyName, "day", dayStart(at)).localTokens.addAndGet(tokens);
        }
        if (limit.tokensPerMonth() > 0) {
            counter(keyName, "month", monthStart(at)).localTokens.addAndGet(tokens);
        }
    }

    /** Every key with a budget of its own, and every other key seen this month under the default one. */
    public List<Status> status() {
        Instant now = clock.instant();
        Set<String> keys = new TreeSet<>(limits.keySet());
        if (defaultLimit != null) {
            counters.keySet().forEach(k -> keys.add(k.apiKeyName()));
        }
        List<Status> result = new ArrayList<>();
        for (String key : keys) {
            Limit limit = limit(key);
            if (limit == null) {
                continue;
            }
            Counter day = counters.get(new BudgetCounters.Key(key, "day", dayStart(now)));
            Counter month = counters.get(new BudgetCounters.Key(key, "month", monthStart(now)));
            Counter minute = counters.get(new BudgetCounters.Key(key, "minute", now.truncatedTo(ChronoUnit.MINUTES)));
            long today = day == null ? 0 : day.tokens();
            long thisMonth = month == null ? 0 : month.tokens();
            long requests = minute == null ? 0 : minute.requests();
            boolean exhausted = (limit.tokensPerDay() > 0 && today >= limit.tokensPerDay())
                    || (limit.tokensPerMonth() > 0 && thisMonth >= limit.tokensPerMonth())
                    || (limit.requestsPerMinute() > 0 && requests >= limit.requestsPerMinute());
            result.add(new Status(key, limit, today, thisMonth, requests, dayStart(now).plus(1, ChronoUnit.DAYS),
                    nextMonth(now), exhausted));
        }
        return result;
    }

    /** The limit keys without their own have, or null. */
    public Limit defaultLimit() {
        return defaultLimit;
    }

    public boolean shared() {
        return shared != null;
    }

    /** The last failure of the shared counters (null once they answer again). */
    public String lastSyncError() {
        return lastSyncError;
    }

    private void syncLoop() {
        while (running) {
            try {
                syncNow();
                Thread.sleep(syncMillis);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        syncNow(); // what this replica counted last
    }

    /** Adds this replica's counts to the shared counters and reads the totals back; old periods are dropped. */
    public synchronized void syncNow() {
        if (shared == null) {
            return;
        }
        Instant now = clock.instant();
        Map<BudgetCounters.Key, long[]> deltas = new HashMap<>();
        counters.forEach((k, c) -> {
            long t = c.localTokens.getAndSet(0);
            long r = c.localRequests.getAndSet(0);
            c.syncingTokens = t;
            c.syncingRequests = r;
            if (t != 0 || r != 0) {
                deltas.put(k, new long[] {t, r});
            }
        });
        Set<BudgetCounters.Key> current = new java.util.HashSet<>();
        counters.keySet().forEach(k -> {
            if (isCurrent(k, now)) {
                current.add(k);
            }
        });
        try {
            Map<BudgetCounters.Key, long[]> totals = shared.addAndRead(deltas, current);
            counters.forEach((k, c) -> {
                long[] t = totals.get(k);
                if (t != null) {
                    c.sharedTokens = t[0];
                    c.sharedRequests = t[1];
                } else {
                    c.sharedTokens += c.syncingTokens;
                    c.sharedRequests += c.syncingRequests;
                }
                c.syncingTokens = 0;
                c.syncingRequests = 0;
            });
            if (lastSyncError != null) {
                LOG.info("Budget counters are shared again");
            }
            lastSyncError = null;
        } catch (Exception e) {
            counters.forEach((k, c) -> {
                c.localTokens.addAndGet(c.syncingTokens);
                c.localRequests.addAndGet(c.syncingRequests);
                c.syncingTokens = 0;
                c.syncingRequests = 0;
            });
            String error = LogSecrets.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
            if (lastSyncError == null) {
                LOG.warn("Budget counters could not be shared; this replica counts on its own until they can: {}", error);
            }
            lastSyncError = error;
        }
        counters.entrySet().removeIf(e -> !isCurrent(e.getKey(), now)
                && e.getValue().localTokens.get() == 0 && e.getValue().localRequests.get() == 0);
    }

    private static boolean isCurrent(BudgetCounters.Key k, Instant now) {
        return switch (k.period()) {
            case "day" -> k.start().equals(dayStart(now));
            case "month" -> k.start().equals(monthStart(now));
            default -> k.start().equals(now.truncatedTo(ChronoUnit.MINUTES));
        };
    }

    @Override
    public void close() {
        running = false;
        if (sync != null) {
            sync.interrupt();
            try {
                sync.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
