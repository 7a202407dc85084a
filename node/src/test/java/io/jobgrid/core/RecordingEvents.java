package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event the scheduler reports, in order, for tests to read. */
final class RecordingEvents implements JobEvents {
    /** One report: its kind ({@code submitted}, {@code started}, ...) and the record it carried. */
    record Event(String kind, JobRecord job) {
        Event {
            java.util.Objects.requireNonNull(kind, "kind");
            java.util.Objects.requireNonNull(job, "job");
        }
    }

    private final List<Event> all = new CopyOnWriteArrayList<>();

    /**
     * The records reported as {@code kind} for job {@code id}, oldest first. The scheduler reports
     * after it acts, so a test that saw the act awaits the report.
     */
    List<JobRecord> of(String kind, JobId id) {
        return all.stream().filter(e -> e.kind().equals(kind) && e.job().id().equals(id)).map(Event::job).toList();
    }

    /** The records reported as {@code kind}, of any job, oldest first. */
    List<JobRecord> of(String kind) {
        return all.stream().filter(e -> e.kind().equals(kind)).map(Event::job).toList();
    }

    @Override
    public void submitted(JobRecord job) {
        all.add(new Event("submitted", job));
    }

    @Override
    public void started(JobRecord job) {
        all.add(new Event("started", job));
    }

    @Override
    public void finished(JobRecord job, Instant attemptStartedAt) {
        all.add(new Event("finished", job));
    }

    @Override
    public void requeuedAfterNodeLoss(JobRecord job) {
        all.add(new Event("requeued", job));
    }

    @Override
    public void cancelled(JobRecord job) {
        all.add(new Event("cancelled", job));
    }

    @Override
    public void released(JobRecord job) {
        all.add(new Event("released", job));
    }

    @Override
    public void skipped(JobRecord job) {
        all.add(new Event("skipped", job));
    }
}
