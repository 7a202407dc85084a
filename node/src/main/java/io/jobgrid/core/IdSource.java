package io.jobgrid.core;

import io.jobgrid.api.JobId;

/** New job ids, unique across the cluster and roughly ordered by time of creation. */
@FunctionalInterface
public interface IdSource {
    JobId next();
}
