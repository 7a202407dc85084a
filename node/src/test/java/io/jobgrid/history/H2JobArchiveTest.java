package io.jobgrid.history;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The archive contract on the embedded H2 store, in a fresh data dir per test. */
class H2JobArchiveTest extends JobArchiveContract {
    @TempDir
    Path dataDir;

    @Override
    protected JobArchive openEmpty() {
        return JdbcJobArchive.open(JdbcJobArchive.h2Url(dataDir), null, null);
    }
}
