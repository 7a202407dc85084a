package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** {@link JobEvents} passed on to several observers; a failing observer is logged and skipped. */
final class FanOut implements JobEvents {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final List<JobEvents> observers;

    FanOut(List<JobEvents> observers) {
        this.observers = observers;
    }

    private void each(JobRecord job, Consumer<JobEvents> call) {
        for (JobEvents o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("job={} node={} observer {} failed: {}", job.id(), job.node(), o.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }

    @Override
    public void submitted(JobRecord job) {
        each(job, o -> o.submitted(job));
    }

    @Override
    public void started(JobRecord job) {
        each(job, o -> o.started(job));
    }

    @Override
    public void finished(JobRecord job, Instant attemptStartedAt) {
        each(job, o -> o.finished(job, attemptStartedAt));
    }

    @Override
    public void requeuedAfterNodeLoss(JobRecord job) {
        each(job, o -> o.requeuedAfterNodeLoss(job));
    }

    @Override
    public void cancelled(JobRecord job) {
        each(job, o -> o.cancelled(job));
    }

    @Override
    public void released(JobRecord job) {
        each(job, o -> o.released(job));
    }

    @Override
    public void skipped(JobRecord job) {
        each(job, o -> o.skipped(job));
    }
}
