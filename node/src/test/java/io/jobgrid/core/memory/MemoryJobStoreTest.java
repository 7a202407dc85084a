package io.jobgrid.core.memory;

import io.jobgrid.core.JobStore;
import io.jobgrid.core.JobStoreContract;

/** The store contract on the in-memory store. */
class MemoryJobStoreTest extends JobStoreContract {
    @Override
    protected JobStore emptyStore() {
        return new MemoryJobStore();
    }
}
