package io.jobgrid.history;

import io.jobgrid.support.TestPostgres;

/**
 * The archive contract on a real PostgreSQL server (see {@link TestPostgres}); skipped, with a
 * loud message, only when none answers.
 */
class PostgresJobArchiveTest extends JobArchiveContract {
    @Override
    protected JobArchive openEmpty() {
        TestPostgres pg = TestPostgres.require();
        pg.truncate();
        return JdbcJobArchive.open(pg.url(), pg.user(), pg.password());
    }
}
