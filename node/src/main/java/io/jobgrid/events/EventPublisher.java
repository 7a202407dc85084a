package io.jobgrid.events;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.topic.ITopic;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.core.JobEvents;
import io.jobgrid.grid.GridNames;

import java.time.Clock;
import java.time.Instant;

/**
 * Publishes the job state changes this member makes on the cluster's event topic. A plain
 * {@link ITopic} rather than a reliable one: a message goes straight from the publisher to the
 * members that listen (none while nobody streams), with no ring buffer on one partition owner to
 * become the hot spot at hundreds of jobs a second. Loss is acceptable: the records are the truth.
 */
public final class EventPublisher implements JobEvents {
    private final ITopic<String> topic;
    private final String node;
    private final Clock clock;

    public EventPublisher(HazelcastInstance hz, String node, Clock clock) {
        this.topic = hz.getTopic(GridNames.EVENTS);
        this.node = node;
        this.clock = clock;
    }

    @Override
    public void submitted(JobRecord job) {
        publish(job.state() == JobState.WAITING ? "waiting" : "submitted", job);
    }

    @Override
    public void started(JobRecord job) {
        publish("started", job);
    }

    @Override
    public void finished(JobRecord job, Instant attemptStartedAt) {
        publish(job.state() == JobState.QUEUED ? "retrying" : "finished", job);
    }

    @Override
    public void requeuedAfterNodeLoss(JobRecord job) {
        publish("requeued", job);
    }

    @Override
    public void cancelled(JobRecord job) {
        publish("cancelled", job);
    }

    @Override
    public void released(JobRecord job) {
        publish("released", job);
    }

    @Override
    public void skipped(JobRecord job) {
        publish("skipped", job);
    }

    private void publish(String kind, JobRecord job) {
        try {
            topic.publish(EventJson.job(kind, job, node, clock.instant()));
        } catch (HazelcastInstanceNotActiveException e) {
            // this member is leaving; nobody is listening here any more
        }
    }
}
