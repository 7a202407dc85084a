package io.jobgrid.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.Schedule;
import io.jobgrid.api.ScheduleFire;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link JobArchive} in a SQL database through JDBC: embedded H2 (a file in the data dir, which
 * the nodes of one machine share through H2's automatic mixed mode) or PostgreSQL. Records are
 * kept as the same JSON the grid uses, next to the columns that listing and retention filter on.
 */
public final class JdbcJobArchive implements JobArchive {
    private static final ObjectMapper JSON = Json.storageMapper();
    private static final List<String> JOB_COLUMNS = List.of("id", "state", "node", "attempt", "finished_at", "created_at",
            "name_lower", "body", "schedule_id", "array_id");
    private static final List<String> LOG_COLUMNS = List.of("k", "job_id", "start_at", "end_at", "complete", "data",
            "stderr_spans");
    private static final int IN_CHUNK = 500;
    private static final java.time.Duration SCHEMA_DEADLINE = java.time.Duration.ofSeconds(30);

    /** The tables {@link SqlDialect#schema} makes, each read once before the store counts as open. */
    private static final List<String> TABLES = List.of("jobgrid_jobs", "jobgrid_logs", "jobgrid_schedules");

    private final HikariDataSource pool;
    private final String upsertJob;
    private final String upsertLog;
    private final String upsertSchedule;

    private JdbcJobArchive(HikariDataSource pool, SqlDialect dialect) {
        this.pool = pool;
        this.upsertJob = dialect.upsert("jobgrid_jobs", JOB_COLUMNS, "id");
        this.upsertLog = dialect.upsert("jobgrid_logs", LOG_COLUMNS, "k");
        this.upsertSchedule = dialect.upsert("jobgrid_schedules", List.of("id", "body"), "id");
        createSchema(dialect);
        fillNewColumns();
    }

    /** Opens a pool on {@code url} and creates the tables if they are missing. */
    public static JdbcJobArchive open(String url, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(1);
        c.setPoolName("jobgrid-store");
        c.setConnectionTimeout(30_000);
        // Each try of the open below gives up on its first connection after 5 s, not Hikari's 30: the
        // loop retries until SCHEMA_DEADLINE, so a wrong setting is reported after about 30 s, not minutes.
        c.setInitializationFailTimeout(5_000);
        SqlDialect dialect = SqlDialect.of(url);
        long deadline = System.nanoTime() + SCHEMA_DEADLINE.toNanos();
        for (int tries = 1; ; tries++) {
            HikariDataSource pool = null;
            try {
                pool = new HikariDataSource(c);
                return new JdbcJobArchive(pool, dialect);
            } catch (RuntimeException e) {
                if (pool != null) {
                    pool.close();
                }
                // Nodes of one machine opening one H2 file at once (AUTO_SERVER) race: a fresh file's
                // table can vanish again right after the schema was read ("table not found"), and after
                // every node was killed H2 refuses while its lock file was "recently modified". Open
                // anew until the deadline, as a node restarting would; a wrong setting fails every try
                // the same way and is reported with the last error.
                if (System.nanoTime() > deadline) {
                    throw new StoreException("cannot open the job store at " + url + " (" + tries + " tries): "
                            + e.getMessage(), e);
                }
                pause(tries);
            }
        }
    }

    /** The embedded store of a data dir; nodes of one machine pointing at the same dir share it. */
    public static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("jobgrid")
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";
    }

    private void createSchema(SqlDialect dialect) {
        long deadline = System.nanoTime() + SCHEMA_DEADLINE.toNanos();
        for (int tries = 1; ; tries++) {
            try (Connection c = pool.getConnection(); var s = c.createStatement()) {
                for (String ddl : dialect.schema()) {
                    s.execute(ddl);
                }
                for (String table : TABLES) {
                    // H2 lets a racing CREATE ... IF NOT EXISTS return before the winner's table can be
                    // read from this session ("table not found" in the next statement): read each once
                    s.execute("SELECT 1 FROM " + table + " WHERE 1 = 0");
                }
                return;
            } catch (SQLException e) {
                // The nodes of a machine start together on one store, and a CREATE ... IF NOT EXISTS racing
                // another session's fails: PostgreSQL with a unique violation, H2 with "object already
                // exists" or a lock timeout on its catalog (h2database#4188). Every statement is idempotent,
                // so the loser runs them all again once the winner's are done.
                if (System.nanoTime() > deadline) {
                    throw new StoreException("cannot create the job store's tables (" + tries + " tries in "
                            + SCHEMA_DEADLINE.toSeconds() + " s): " + e.getMessage(), e);
                }
                pause(tries);
            }
        }
    }

    /** A growing pause with jitter, so racing members do not meet again at the same moment. */
    private static void pause(int tries) {
        long ms = Math.min(1_000, 50L << Math.min(tries, 5));
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ms / 2, ms + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while creating the job store's tables", e);
        }
    }

    /**
     * The schedule column of a record: the schedule that fired it, or the empty string for a job no
     * schedule fired (null is left for rows stored before the column existed, which {@link #fillNewColumns}
     * fills in).
     */
    private static String scheduleColumn(JobRecord r) {
        String schedule = ScheduleFire.scheduleOf(r);
        return schedule == null ? "" : schedule;
    }

    /** Rows stored before the creation time, name and schedule had columns get them from their body. */
    private void fillNewColumns() {
        fill("created_at IS NULL", "UPDATE jobgrid_jobs SET created_at = ?, name_lower = ? WHERE id = ?",
                (ps, r) -> {
                    ps.setLong(1, r.createdAt().toEpochMilli());
                    ps.setString(2, r.name() == null ? null : JobQuery.lower(r.name()));
                    ps.setString(3, r.id().value());
                });
        fill("schedule_id IS NULL", "UPDATE jobgrid_jobs SET schedule_id = ? WHERE id = ?", (ps, r) -> {
            ps.setString(1, scheduleColumn(r));
            ps.setString(2, r.id().value());
        });
    }

    private void fill(String missing, String update, RowWriter writer) {
        while (true) {
            List<JobRecord> old = new ArrayList<>();
            query("SELECT body FROM jobgrid_jobs WHERE " + missing + " LIMIT " + IN_CHUNK, List.of(),
                    rs -> old.add(readJob(rs.getBytes(1))));
            if (old.isEmpty()) {
                return;
            }
            run(c -> {
                try (PreparedStatement ps = c.prepareStatement(update)) {
                    for (JobRecord r : old) {
                        writer.write(ps, r);
                        ps.addBatch();
                    }
                    inTransaction(c, ps);
                }
                return null;
            });
        }
    }

    @Override
    public void storeJobs(Collection<JobRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsertJob)) {
                for (JobRecord r : records) {
                    ps.setString(1, r.id().value());
                    ps.setString(2, r.state().name());
                    ps.setString(3, r.node());
                    ps.setInt(4, r.attempt());
                    Instant end = !r.state().isTerminal() ? null : r.finishedAt() != null ? r.finishedAt() : r.createdAt();
                    if (end == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, end.toEpochMilli());
                    }
                    ps.setLong(6, r.createdAt().toEpochMilli());
                    ps.setString(7, r.name() == null ? null : JobQuery.lower(r.name()));
                    ps.setBytes(8, JSON.writeValueAsBytes(r));
                    ps.setString(9, scheduleColumn(r));
                    ps.setString(10, r.spec().array() == null ? null : r.spec().array().array().value());
                    ps.addBatch();
                }
                inTransaction(c, ps);
            }
            return null;
        });
    }

    @Override
    public Map<JobId, JobRecord> loadJobs(Collection<JobId> ids) {
        Map<JobId, JobRecord> out = new HashMap<>();
        List<String> keys = ids.stream().map(JobId::value).toList();
        for (int i = 0; i < keys.size(); i += IN_CHUNK) {
            List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
            query("SELECT body FROM jobgrid_jobs WHERE id IN (" + SqlDialect.marks(chunk.size()) + ")",
                    chunk, rs -> {
                        JobRecord r = readJob(rs.getBytes(1));
                        out.put(r.id(), r);
                    });
        }
        return out;
    }

    @Override
    public void deleteJobs(Collection<JobId> ids) {
        deleteIn("jobgrid_jobs", "id", ids.stream().map(JobId::value).toList());
    }

    @Override
    public List<JobId> unfinishedIds() {
        List<JobId> out = new ArrayList<>();
        query("SELECT id FROM jobgrid_jobs WHERE finished_at IS NULL", List.of(), rs -> out.add(new JobId(rs.getString(1))));
        return out;
    }

    @Override
    public List<JobRecord> page(JobQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = pageSql(q, args);
        List<JobRecord> out = new ArrayList<>();
        query(sql, args, rs -> out.add(readJob(rs.getBytes(1))));
        return out;
    }

    /** The database's plan of {@link #page}'s statement, as its EXPLAIN prints it: to check index use. */
    public String explain(JobQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = pageSql(q, args);
        StringBuilder out = new StringBuilder();
        query("EXPLAIN " + sql, args, rs -> out.append(rs.getString(1)).append('\n'));
        return out.toString();
    }

    /**
     * Keyset paging: the filters, then the cursor as a range of the primary key, newest first. The
     * database reads the id index (or the state or node index, which end in the id) backwards from
     * the cursor until the page is full, so a deep page costs what the first does; no OFFSET.
     */
    private static String pageSql(JobQuery q, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT body FROM jobgrid_jobs WHERE 1 = 1");
        filter(sql, args, q.state() == null ? null : q.state().name(), " AND state = ?");
        filter(sql, args, q.node(), " AND node = ?");
        filter(sql, args, q.name() == null ? null : JobQuery.lower(q.name()), " AND POSITION(? IN name_lower) > 0");
        filter(sql, args, q.schedule(), " AND schedule_id = ?");
        filter(sql, args, q.createdAfter() == null ? null : q.createdAfter().toEpochMilli(), " AND created_at >= ?");
        // The id index has no creation-time order to stop at: without this bound, a window's last
        // page (too few jobs left in it to fill the page) read on to the oldest job. The bound is
        // exact (the least id created in the window), read from the (created_at, id) index.
        filter(sql, args, q.createdAfter() == null ? null : q.createdAfter().toEpochMilli(),
                " AND id >= (SELECT MIN(id) FROM jobgrid_jobs WHERE created_at >= ?)");
        filter(sql, args, q.createdBefore() == null ? null : q.createdBefore().toEpochMilli(), " AND created_at < ?");
        filter(sql, args, q.before() == null ? null : q.before().value(), " AND id < ?");
        filter(sql, args, q.array() == null ? null : q.array().value(), " AND array_id = ?");
        return sql.append(" ORDER BY ").append(order(q)).append(" LIMIT ").append(q.limit()).toString();
    }

    /**
     * With a state (or node, array, schedule) the order names that column too, which the equality makes
     * no different, so that the database reads its (column, id) index in order rather than sorting.
     */
    private static String order(JobQuery q) {
        if (q.state() != null) {
            return "state DESC, id DESC";
        }
        if (q.node() != null) {
            return "node DESC, id DESC";
        }
        if (q.array() != null) {
            return "array_id DESC, id DESC";
        }
        return q.schedule() != null ? "schedule_id DESC, id DESC" : "id DESC";
    }

    private static void filter(StringBuilder sql, List<Object> args, Object value, String condition) {
        if (value != null) {
            sql.append(condition);
            args.add(value);
        }
    }

    @Override
    public List<Expired> finishedBefore(Instant cutoff, JobId after, int limit) {
        List<Object> args = new ArrayList<>(List.of(cutoff.toEpochMilli()));
        String sql = "SELECT id, attempt FROM jobgrid_jobs WHERE finished_at < ?";
        if (after != null) {
            sql += " AND id > ?";
            args.add(after.value());
        }
        List<Expired> out = new ArrayList<>();
        query(sql + " ORDER BY id LIMIT " + limit, args, rs -> out.add(new Expired(new JobId(rs.getString(1)),
                rs.getInt(2))));
        return out;
    }

    @Override
    public long countJobs() {
        long[] n = new long[1];
        query("SELECT COUNT(*) FROM jobgrid_jobs", List.of(), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    @Override
    public void storeLogs(Map<String, StoredLog> tails) {
        if (tails.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsertLog)) {
                for (Map.Entry<String, StoredLog> e : tails.entrySet()) {
                    StoredLog t = e.getValue();
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getKey().substring(0, e.getKey().indexOf('/')));
                    ps.setLong(3, t.start());
                    ps.setLong(4, t.end());
                    ps.setBoolean(5, t.complete());
                    ps.setBytes(6, t.data());
                    ps.setBytes(7, StoredLog.encode(t.stderr()));
                    ps.addBatch();
                }
                inTransaction(c, ps);
            }
            return null;
        });
    }

    @Override
    public Map<String, StoredLog> loadLogs(Collection<String> keys) {
        Map<String, StoredLog> out = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            query("SELECT k, start_at, end_at, complete, data, stderr_spans FROM jobgrid_logs WHERE k IN ("
                    + SqlDialect.marks(chunk.size()) + ")", chunk, rs -> out.put(rs.getString(1),
                    new StoredLog(rs.getLong(2), rs.getLong(3), rs.getBytes(5), rs.getBoolean(4),
                            StoredLog.decode(rs.getBytes(6)))));
        }
        return out;
    }

    @Override
    public void deleteLogs(Collection<String> keys) {
        deleteIn("jobgrid_logs", "k", List.copyOf(keys));
    }

    @Override
    public void storeSchedules(Collection<Schedule> schedules) {
        if (schedules.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsertSchedule)) {
                for (Schedule s : schedules) {
                    ps.setString(1, s.id());
                    ps.setBytes(2, JSON.writeValueAsBytes(s));
                    ps.addBatch();
                }
                inTransaction(c, ps);
            }
            return null;
        });
    }

    @Override
    public Map<String, Schedule> loadSchedules(Collection<String> ids) {
        Map<String, Schedule> out = new HashMap<>();
        List<String> keys = List.copyOf(ids);
        for (int i = 0; i < keys.size(); i += IN_CHUNK) {
            List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
            query("SELECT body FROM jobgrid_schedules WHERE id IN (" + SqlDialect.marks(chunk.size()) + ")", chunk,
                    rs -> {
                        Schedule s = JSON.readValue(rs.getBytes(1), Schedule.class);
                        out.put(s.id(), s);
                    });
        }
        return out;
    }

    @Override
    public void deleteSchedules(Collection<String> ids) {
        deleteIn("jobgrid_schedules", "id", List.copyOf(ids));
    }

    @Override
    public List<String> scheduleIds() {
        List<String> out = new ArrayList<>();
        query("SELECT id FROM jobgrid_schedules", List.of(), rs -> out.add(rs.getString(1)));
        return out;
    }

    @Override
    public void close() {
        pool.close();
    }

    private void deleteIn(String table, String column, List<String> keys) {
        for (int i = 0; i < keys.size(); i += IN_CHUNK) {
            List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
            run(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " IN ("
                        + SqlDialect.marks(chunk.size()) + ")")) {
                    bind(ps, chunk);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    private void query(String sql, List<?> args, RowReader reader) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
            return null;
        });
    }

    /** One commit per batch: with auto-commit each row would be a commit (and a disk sync) of its own. */
    private static void inTransaction(Connection c, PreparedStatement batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            batch.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private <T> T run(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException | IOException e) {
            throw new StoreException("job store: " + e.getMessage(), e);
        }
    }

    private static JobRecord readJob(byte[] body) throws IOException {
        return JSON.readValue(body, JobRecord.class);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(PreparedStatement ps, JobRecord r) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException, IOException;
    }

    /** The database could not be reached or refused a statement. */
    public static final class StoreException extends JobGridException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
