package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.NotReadyException;
import io.jobgrid.api.TaskFailedException;
import io.jobgrid.api.TaskHandle;

import java.io.IOException;
import java.time.Duration;

/** A handle on a Java task: its record is the truth, read back with this node's task class loader. */
final class GridTaskHandle<R> implements TaskHandle<R> {
    private final JobId id;
    private final Jobs jobs;
    private final TaskTypes types;

    GridTaskHandle(JobId id, Jobs jobs, TaskTypes types) {
        this.id = id;
        this.jobs = jobs;
        this.types = types;
    }

    @Override
    public JobId id() {
        return id;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R await(Duration timeout) {
        JobRecord r = jobs.await(id, timeout);
        if (!r.state().isTerminal()) {
            throw new NotReadyException("task " + id + " has not ended within " + timeout + "; it is " + r.state());
        }
        if (r.state() != JobState.SUCCEEDED || r.result() == null || r.result().value() == null) {
            throw new TaskFailedException(r);
        }
        try {
            return (R) types.read(r.result().value());
        } catch (IOException | ClassNotFoundException e) {
            throw new io.jobgrid.api.JobGridException("the result of task " + id + " could not be read here: " + e, e);
        }
    }

    @Override
    public JobRecord record() {
        return jobs.require(id);
    }

    @Override
    public String toString() {
        return "TaskHandle[" + id + "]";
    }
}
