package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.TaskContext;

/** The {@link TaskContext} of one attempt. */
final class RunContext implements TaskContext {
    private final TaskRun run;
    private final TaskOutput output;
    private final Jobs jobs;

    RunContext(TaskRun run, TaskOutput output, Jobs jobs) {
        this.run = run;
        this.output = output;
        this.jobs = jobs;
    }

    @Override
    public JobId jobId() {
        return run.job().id();
    }

    @Override
    public int attempt() {
        return run.attempt();
    }

    @Override
    public io.jobgrid.api.ArrayMember array() {
        return run.job().spec().array();
    }

    @Override
    public boolean cancelled() {
        return run.stopped() || Thread.currentThread().isInterrupted();
    }

    @Override
    public void log(String line) {
        output.append(run, line == null ? "null" : line);
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }
}
