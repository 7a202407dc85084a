package io.jobgrid.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The archive contract on a real PostgreSQL server: the one {@code .ci/postgres} starts (or any
 * at {@code JOBGRID_TEST_PG_URL}). Skipped, with a loud message, only when none answers.
 */
class PostgresJobArchiveTest extends JobArchiveContract {
    @Override
    protected JobArchive openEmpty() {
        TestPostgres pg = TestPostgres.require();
        JobArchive archive = JdbcJobArchive.open(pg.url(), pg.user(), pg.password());
        pg.truncate();
        return archive;
    }

    /** Where the test server is, and whether it answers. */
    record TestPostgres(String url, String user, String password) {
        static TestPostgres fromEnvironment() {
            return new TestPostgres(env("JOBGRID_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:55432/jobgrid"),
                    env("JOBGRID_TEST_PG_USER", "jobgrid"), env("JOBGRID_TEST_PG_PASSWORD", "jobgrid"));
        }

        /** The server, or a skipped test that says loudly why. */
        static TestPostgres require() {
            TestPostgres pg = fromEnvironment();
            String why = pg.unreachable();
            if (why != null) {
                System.err.println("\n*** SKIPPING PostgreSQL store tests: no server at " + pg.url() + " (" + why
                        + "). Run .ci/postgres to start one. ***\n");
            }
            assumeTrue(why == null, "no PostgreSQL at " + pg.url() + ": " + why);
            return pg;
        }

        String unreachable() {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                return null;
            } catch (SQLException e) {
                return e.getMessage();
            }
        }

        void truncate() {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("TRUNCATE jobgrid_jobs, jobgrid_logs");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
