package io.jobgrid.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.jobgrid.api.JobRecord;

/**
 * Chooses between two copies of one job record when the two sides of a split brain merge. The
 * attempt number decides first (a re-run on the majority side fences out the old attempt); at
 * the same attempt, a finished record beats an unfinished one, so each job keeps the final state
 * of the side that finished it; otherwise the surviving cluster's copy stays.
 */
public final class JobMergePolicy implements SplitBrainMergePolicy<JobRecord, MergingValue<JobRecord>, Object>,
        DataSerializable {

    @Override
    public Object merge(MergingValue<JobRecord> merging, MergingValue<JobRecord> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        JobRecord incoming = merging.getDeserializedValue();
        JobRecord current = existing.getDeserializedValue();
        return prefers(incoming, current) ? merging.getRawValue() : existing.getRawValue();
    }

    static boolean prefers(JobRecord incoming, JobRecord current) {
        if (incoming == null) {
            return false;
        }
        if (current == null || incoming.attempt() != current.attempt()) {
            return current == null || incoming.attempt() > current.attempt();
        }
        return incoming.state().isTerminal() && !current.state().isTerminal();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no state
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no state
    }
}
