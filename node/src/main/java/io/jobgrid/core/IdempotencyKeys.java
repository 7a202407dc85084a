package io.jobgrid.core;

import io.jobgrid.api.JobId;

import java.util.Optional;

/** Which job an idempotency key belongs to: the first submitter to claim a key wins it for good. */
@FunctionalInterface
public interface IdempotencyKeys {
    /**
     * Claims {@code key} for {@code id}, atomically across the cluster.
     *
     * @return empty when the claim is new; otherwise the job that claimed the key first
     */
    Optional<JobId> claim(String key, JobId id);
}
