package io.jobgrid.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PostgreSQL server of the store tests: the one {@code .ci/postgres} starts, or any at
 * {@code JOBGRID_TEST_PG_URL} (with {@code JOBGRID_TEST_PG_USER}, {@code JOBGRID_TEST_PG_PASSWORD}).
 */
public record TestPostgres(String url, String user, String password) {
    public static TestPostgres fromEnvironment() {
        return new TestPostgres(env("JOBGRID_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:55432/jobgrid"),
                env("JOBGRID_TEST_PG_USER", "jobgrid"), env("JOBGRID_TEST_PG_PASSWORD", "jobgrid"));
    }

    /** The server, or a skipped test that says loudly why: only when no server answers at all. */
    public static TestPostgres require() {
        TestPostgres pg = fromEnvironment();
        String why = pg.unreachable();
        if (why != null) {
            System.err.println("\n*** SKIPPING PostgreSQL store tests: no server at " + pg.url() + " (" + why
                    + "). Run .ci/postgres to start one. ***\n");
        }
        assumeTrue(why == null, "no PostgreSQL at " + pg.url() + ": " + why);
        return pg;
    }

    /** Empties the job store's tables, if they exist. */
    public void truncate() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jobgrid_jobs, jobgrid_logs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String unreachable() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
