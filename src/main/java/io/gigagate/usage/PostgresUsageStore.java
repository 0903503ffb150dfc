package io.gigagate.usage;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage in PostgreSQL: the sink (a batch as binary COPY rows in one transaction; a request id already stored
 * is skipped, so a batch written again adds nothing), the admin queries, the retention purge and the shared
 * budget counters.
 * The schema is Flyway's ({@code classpath:db/usage}, history table {@code gigagate_usage_schema_history}),
 * migrated on first use, so a database that is down at start-up delays the records instead of the gateway.
 */
public final class PostgresUsageStore implements UsageSink, UsageStore, BudgetCounters {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresUsageStore.class);
    private static final String COLUMNS = "time, request_id, front, endpoint, method, api_key_name, credential_fingerprint, "
            + "model_requested, model, status, error_type, stream, input_tokens, output_tokens, cached_tokens, "
            + "reasoning_tokens, latency_ms, first_event_ms, upstream_request_id, replica, content";
    private static final String INSERT = "INSERT INTO usage_records (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";
    private static final String COPY = "COPY usage_records (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final AtomicLong insertFallbacks = new AtomicLong();
    private volatile boolean migrated;

    public PostgresUsageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Brings the schema up to date (once; again after a failure). */
    public void migrate() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                Flyway.configure(PostgresUsageStore.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/usage")
                        .table("gigagate_usage_schema_history")
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
                migrated = true;
                LOG.info("Usage schema in PostgreSQL is up to date");
            }
        }
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String source() {
        return "postgres";
    }

    /**
     * One transaction: the batch as binary COPY rows. When some of it is stored already (an earlier attempt
     * whose commit's answer was lost: COPY stops at the first request id it has), the batch is written again
     * as INSERTs that skip the ids stored; any other failure is thrown and the recorder tries again later.
     */
    @Override
    public void write(List<UsageRecord> batch) throws SQLException {
        migrate();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                copy(c, batch);
                c.commit();
                return;
            } catch (Throwable e) {
                rollback(c, e);
                if (!(e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                    throw e;
                }
            }
            try {
                insert(c, batch);
                c.commit();
                insertFallbacks.incrementAndGet();
                LOG.info("Usage batch of {} records had request ids stored already (written before, its commit's answer "
                        + "lost): written again without them", batch.size());
            } catch (Throwable e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The values of a record's columns, in {@link #COLUMNS}' order: to a COPY row or to an INSERT's parameters. */
    interface Columns {
        void text(String value) throws SQLException;

        void integer(int value) throws SQLException;

        void bigint(long value) throws SQLException;

        void bigint(Long value) throws SQLException;

        void bool(boolean value) throws SQLException;

        void timestamptz(Instant value) throws SQLException;
    }

    private static void columns(UsageRecord r, Columns out) throws SQLException {
        out.timestamptz(r.time());
        out.text(storable(r.requestId()));
        out.text(storable(r.front()));
        out.text(storable(r.endpoint()));
        out.text(storable(r.method()));
        out.text(storable(r.apiKeyName()));
        out.text(storable(r.credentialFingerprint()));
        out.text(storable(r.modelRequested()));
        out.text(storable(r.model()));
        out.integer(r.status());
        out.text(storable(r.errorType()));
        out.bool(r.stream());
        out.bigint(r.inputTokens());
        out.bigint(r.outputTokens());
        out.bigint(r.cachedTokens());
        out.bigint(r.reasoningTokens());
        out.bigint(r.latencyMillis());
        out.bigint(r.firstEventMillis());
        out.text(storable(r.upstreamRequestId()));
        out.text(storable(r.replica()));
        out.text(storable(r.content()));
    }

    /**
     * Text as PostgreSQL can keep it: it refuses the NUL character in text (SQLSTATE 22021), and one such record
     * (a client's model name, captured content) would fail its whole batch again and again. NUL becomes U+FFFD.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** The batch as one COPY, in the caller's transaction. */
    static void copy(Connection c, List<UsageRecord> batch) throws SQLException {
        CopyIn copyIn = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            PgBinaryCopy rows = new PgBinaryCopy(copyIn);
            for (UsageRecord r : batch) {
                rows.row(COLUMN_COUNT);
                columns(r, rows);
            }
            rows.end();
        } catch (Throwable e) {
            // whatever stopped it (an error of the driver's or of this process's too): a COPY left open would
            // hold the connection, and the pool would wait on it for ever when it is given back
            if (copyIn.isActive()) {
                try {
                    copyIn.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    /** The batch as INSERTs skipping the request ids stored, in the caller's transaction. */
    static void insert(Connection c, List<UsageRecord> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Parameters parameters = new Parameters(ps);
            for (UsageRecord r : batch) {
                columns(r, parameters);
                parameters.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            // its message is the statement with every parameter (captured content too): the log and the sink's
            // health get the server's error alone
            SQLException server = e.getNextException();
            throw new SQLException("A batch of usage records was refused: "
                    + (server == null ? "SQLSTATE " + e.getSQLState() : server.getMessage()), e.getSQLState());
        }
    }

    /** A record's columns as the INSERT's parameters. */
    private static final class Parameters implements Columns {
        private final PreparedStatement ps;
        private int index;

        Parameters(PreparedStatement ps) {
            this.ps = ps;
        }

        void addBatch() throws SQLException {
            ps.addBatch();
            index = 0;
        }

        @Override
        public void text(String value) throws SQLException {
            ps.setString(++index, value);
        }

        @Override
        public void integer(int value) throws SQLException {
            ps.setInt(++index, value);
        }

        @Override
        public void bigint(long value) throws SQLException {
            ps.setLong(++index, value);
        }

        @Override
        public void bigint(Long value) throws SQLException {
            if (value == null) {
                ps.setNull(++index, Types.BIGINT);
            } else {
                ps.setLong(++index, value);
            }
        }

        @Override
        public void bool(boolean value) throws SQLException {
            ps.setBoolean(++index, value);
        }

        @Override
        public void timestamptz(Instant value) throws SQLException {
            ps.setTimestamp(++index, Timestamp.from(value));
        }
    }

    @Override
    public long purge(Instant recordsBefore, Instant contentBefore) throws SQLException {
        migrate();
        try (Connection c = dataSource.getConnection()) {
            if (contentBefore.isAfter(Instant.EPOCH)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE usage_records SET content = NULL WHERE content IS NOT NULL AND time < ?")) {
                    ps.setTimestamp(1, Timestamp.from(contentBefore));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM budget_counters WHERE period_start < ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(100L * 24 * 3600)));
                ps.executeUpdate();
            }
            return recordsBefore.isAfter(Instant.EPOCH) ? delete(c, recordsBefore) : 0;
        }
    }

    @Override
    public long purge(Instant before) throws SQLException {
        migrate();
        try (Connection c = dataSource.getConnection()) {
            return delete(c, before);
        }
    }

    private static long delete(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_records WHERE time < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    // --- queries ---------------------------------------------------------------------------------------

    /** The WHERE clause of a query and its parameters. */
    private record Where(String sql, List<Object> params) {
        static Where of(UsageQuery q) {
            StringBuilder sql = new StringBuilder(" WHERE TRUE");
            List<Object> params = new ArrayList<>();
            if (q.from() != null) {
                sql.append(" AND time >= ?");
                params.add(Timestamp.from(q.from()));
            }
            if (q.to() != null) {
                sql.append(" AND time < ?");
                params.add(Timestamp.from(q.to()));
            }
            if (q.apiKeyName() != null) {
                sql.append(" AND api_key_name = ?");
                params.add(q.apiKeyName());
            }
            if (q.model() != null) {
                sql.append(" AND (model = ? OR model_requested = ?)");
                params.add(q.model());
                params.add(q.model());
            }
            if (q.front() != null) {
                sql.append(" AND front = ?");
                params.add(q.front());
            }
            if (q.status() != null) {
                sql.append(" AND status = ?");
                params.add(q.status());
            }
            if (q.errorsOnly()) {
                sql.append(" AND status >= 400");
            }
            return new Where(sql.toString(), params);
        }

        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }
    }

    @Override
    public List<UsageRow> summary(Set<UsageGrouping> groups, UsageQuery query) throws SQLException {
        migrate();
        String day = "to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        List<String> select = new ArrayList<>();
        select.add(groups.contains(UsageGrouping.DAY) ? day : "NULL");
        select.add(groups.contains(UsageGrouping.KEY) ? "api_key_name" : "NULL");
        select.add(groups.contains(UsageGrouping.MODEL) ? "COALESCE(model, model_requested, 'none')" : "NULL");
        select.add(groups.contains(UsageGrouping.FRONT) ? "front" : "NULL");
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (!select.get(i).equals("NULL")) {
                groupBy.add(String.valueOf(i + 1));
            }
        }
        Where where = Where.of(query);
        String sql = "SELECT " + String.join(", ", select) + ", COUNT(*), COUNT(*) FILTER (WHERE status >= 400), "
                + "SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens), SUM(reasoning_tokens), SUM(latency_ms) "
                + "FROM usage_records" + where.sql()
                + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy));
        List<UsageRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(5) == 0) {
                        continue; // no group and no rows: one empty row
                    }
                    rows.add(new UsageRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
                }
            }
        }
        rows.sort(UsageAggregates.ORDER);
        return rows;
    }

    @Override
    public List<UsageRecord> recent(UsageQuery query, int limit) throws SQLException {
        migrate();
        Where where = Where.of(query);
        List<UsageRecord> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM usage_records" + where.sql() + " ORDER BY time DESC, request_id DESC LIMIT ?")) {
            ps.setInt(where.bind(ps), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
        }
        return result;
    }

    @Override
    public Optional<UsageRecord> find(String requestId) throws SQLException {
        migrate();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM usage_records WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public void export(UsageQuery query, Consumer<UsageRecord> out) throws SQLException {
        migrate();
        Where where = Where.of(query);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: rows are fetched 500 at a time, not all at once
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM usage_records" + where.sql() + " ORDER BY time, request_id")) {
                ps.setFetchSize(500);
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.accept(read(rs));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Batches written with INSERTs because COPY met a request id already stored. */
    long insertFallbacks() {
        return insertFallbacks.get();
    }

    /** Rows count for tests and the admin status. */
    public long count() throws SQLException {
        migrate();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM usage_records"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static UsageRecord read(ResultSet rs) throws SQLException {
        long firstEvent = rs.getLong(18);
        Long firstEventMillis = rs.wasNull() ? null : firstEvent;
        return new UsageRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10),
                rs.getString(11), rs.getBoolean(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16),
                rs.getLong(17), firstEventMillis, rs.getString(19), rs.getString(20), rs.getString(21));
    }

    // --- budget counters -------------------------------------------------------------------------------

    @Override
    public Map<Key, long[]> addAndRead(Map<Key, long[]> deltas, Set<Key> read) throws SQLException {
        migrate();
        Map<Key, long[]> totals = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!deltas.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO budget_counters "
                            + "(api_key_name, period, period_start, tokens, requests) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (api_key_name, period, period_start) DO UPDATE SET "
                            + "tokens = budget_counters.tokens + EXCLUDED.tokens, "
                            + "requests = budget_counters.requests + EXCLUDED.requests")) {
                        for (Map.Entry<Key, long[]> e : deltas.entrySet()) {
                            ps.setString(1, e.getKey().apiKeyName());
                            ps.setString(2, e.getKey().period());
                            ps.setTimestamp(3, Timestamp.from(e.getKey().start()));
                            ps.setLong(4, e.getValue()[0]);
                            ps.setLong(5, e.getValue()[1]);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!read.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT tokens, requests FROM budget_counters "
                            + "WHERE api_key_name = ? AND period = ? AND period_start = ?")) {
                        for (Key k : read) {
                            ps.setString(1, k.apiKeyName());
                            ps.setString(2, k.period());
                            ps.setTimestamp(3, Timestamp.from(k.start()));
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    totals.put(k, new long[] {rs.getLong(1), rs.getLong(2)});
                                }
                            }
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        return totals;
    }
}
