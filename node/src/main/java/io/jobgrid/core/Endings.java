package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

import java.time.Instant;

/**
 * What follows once an attempt's end is recorded, for shell jobs and Java tasks alike: the event,
 * then either the retry's queue item (the record went back to QUEUED) or the children's turn.
 */
final class Endings {
    private Endings() {
    }

    static void followUp(JobRecord after, Instant attemptStartedAt, JobEvents events, WorkQueue queues,
                         Dependents dependents) {
        events.finished(after, attemptStartedAt);
        if (after.state() == JobState.QUEUED) {
            queues.offer(after);
        } else {
            dependents.ended(after);
        }
    }
}
