package io.jobgrid.history;

import java.util.List;

/** The few statements in which the supported databases differ: column types and upserts. */
enum SqlDialect {
    H2("VARBINARY") {
        @Override
        String upsert(String table, List<String> columns, String key) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + key + ") VALUES ("
                    + marks(columns.size()) + ")";
        }
    },
    POSTGRES("BYTEA") {
        @Override
        String upsert(String table, List<String> columns, String key) {
            StringBuilder set = new StringBuilder();
            for (String c : columns) {
                if (!c.equals(key)) {
                    set.append(set.isEmpty() ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
                }
            }
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks(columns.size())
                    + ") ON CONFLICT (" + key + ") DO UPDATE SET " + set;
        }
    };

    private final String bytes;

    SqlDialect(String bytes) {
        this.bytes = bytes;
    }

    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("no SQL dialect for " + jdbcUrl);
    }

    /** Insert, or replace the row with the same key. */
    abstract String upsert(String table, List<String> columns, String key);

    List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS jobgrid_jobs (id VARCHAR(13) PRIMARY KEY, state VARCHAR(16) NOT NULL, "
                        + "node VARCHAR(64), attempt INT NOT NULL, finished_at BIGINT, body " + bytes + " NOT NULL)",
                "CREATE INDEX IF NOT EXISTS jobgrid_jobs_state ON jobgrid_jobs (state, id)",
                "CREATE INDEX IF NOT EXISTS jobgrid_jobs_node ON jobgrid_jobs (node, id)",
                "CREATE INDEX IF NOT EXISTS jobgrid_jobs_finished ON jobgrid_jobs (finished_at, id)",
                // added after the first release: a store made before gets them here, and the
                // archive fills them in from each record's body when it opens
                "ALTER TABLE jobgrid_jobs ADD COLUMN IF NOT EXISTS created_at BIGINT",
                "ALTER TABLE jobgrid_jobs ADD COLUMN IF NOT EXISTS name_lower VARCHAR(1024)",
                "CREATE INDEX IF NOT EXISTS jobgrid_jobs_created ON jobgrid_jobs (created_at, id)",
                // the schedule that fired a job, '' for none (null: not filled in yet, a row stored before)
                "ALTER TABLE jobgrid_jobs ADD COLUMN IF NOT EXISTS schedule_id VARCHAR(256)",
                "CREATE INDEX IF NOT EXISTS jobgrid_jobs_schedule ON jobgrid_jobs (schedule_id, id)",
                "CREATE TABLE IF NOT EXISTS jobgrid_schedules (id VARCHAR(256) PRIMARY KEY, body " + bytes + " NOT NULL)",
                // the job array of a job, null for none: rows stored before the column belong to none, nothing to fill in
                "ALTER TABLE jobgrid_jobs ADD COLUMN IF NOT EXISTS array_id VARCHAR(13)",
                "CREATE INDEX IF NOT EXISTS jobgrid_jobs_array ON jobgrid_jobs (array_id, id)",
                "CREATE TABLE IF NOT EXISTS jobgrid_logs (k VARCHAR(32) PRIMARY KEY, job_id VARCHAR(13) NOT NULL, "
                        + "start_at BIGINT NOT NULL, end_at BIGINT NOT NULL, complete BOOLEAN NOT NULL, data " + bytes
                        + " NOT NULL)",
                // which bytes of a tail came from stderr (StoredLog.encode); null: none, or a row stored before
                "ALTER TABLE jobgrid_logs ADD COLUMN IF NOT EXISTS stderr_spans " + bytes);
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
