package io.jobgrid.vectors;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Adds one member's partial to a job's result entry, atomically (members finish in any order). */
final class MergePartial implements EntryProcessor<String, Partial, Void> {
    private static final long serialVersionUID = 1L;

    final Partial partial;

    MergePartial(Partial partial) {
        this.partial = partial;
    }

    @Override
    public Void process(Map.Entry<String, Partial> entry) {
        Partial current = entry.getValue();
        entry.setValue(current == null ? partial : current.combine(partial));
        return null;
    }
}
