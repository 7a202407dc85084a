package io.jobgrid.grid;

import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.ScheduleFire;

/**
 * Query attributes of a job record, extracted explicitly rather than by reflection so that the
 * indexes do not depend on how Hazelcast reads Java records.
 */
public final class JobAttributes {
    /** The state's name, indexed: sweeps and listings filter on it. */
    public static final String STATE = "jobState";
    /** The name of the node running or last ran the job. */
    public static final String NODE = "jobNode";

    /**
     * When a job that never started must have started by (its queue deadline), in epoch
     * milliseconds; {@code Long.MAX_VALUE} for a job with none or one that has started.
     */
    public static final String START_BY = "jobStartBy";

    /** The creation time in epoch milliseconds. */
    public static final String CREATED = "jobCreated";

    /** The id of the job array the job belongs to, or null. */
    public static final String ARRAY = "jobArray";
    /** The id of the schedule that fired the job, or null ({@link io.jobgrid.api.ScheduleFire}). */
    public static final String SCHEDULE = "jobSchedule";

    private JobAttributes() {
    }

    /** Extracts {@link #STATE}. */
    public static final class State implements ValueExtractor<JobRecord, Object> {
        @Override
        public void extract(JobRecord target, Object argument, ValueCollector collector) {
            collector.addObject(target.state().name());
        }
    }

    /** Extracts {@link #NODE}. */
    public static final class Node implements ValueExtractor<JobRecord, Object> {
        @Override
        public void extract(JobRecord target, Object argument, ValueCollector collector) {
            collector.addObject(target.node());
        }
    }

    /** Extracts {@link #CREATED}. */
    public static final class Created implements ValueExtractor<JobRecord, Object> {
        @Override
        public void extract(JobRecord target, Object argument, ValueCollector collector) {
            collector.addObject(target.createdAt().toEpochMilli());
        }
    }

    /** Extracts {@link #START_BY}. */
    public static final class StartBy implements ValueExtractor<JobRecord, Object> {
        @Override
        public void extract(JobRecord target, Object argument, ValueCollector collector) {
            java.time.Instant by = target.attempt() == 0 ? target.spec().startBy(target.createdAt()) : null;
            collector.addObject(by == null ? Long.MAX_VALUE : by.toEpochMilli());
        }
    }

    /** Extracts {@link #ARRAY}. */
    public static final class Array implements ValueExtractor<JobRecord, Object> {
        @Override
        public void extract(JobRecord target, Object argument, ValueCollector collector) {
            collector.addObject(target.spec().array() == null ? null : target.spec().array().array().value());
        }
    }

    /** Extracts {@link #SCHEDULE}. */
    public static final class Schedule implements ValueExtractor<JobRecord, Object> {
        @Override
        public void extract(JobRecord target, Object argument, ValueCollector collector) {
            collector.addObject(ScheduleFire.scheduleOf(target));
        }
    }
}
