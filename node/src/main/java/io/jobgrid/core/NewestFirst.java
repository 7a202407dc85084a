package io.jobgrid.core;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Map;

/** Orders map entries by job id, descending: ids are time-ordered, so newest first. */
public final class NewestFirst implements Comparator<Map.Entry<String, ?>>, Serializable {
    @Override
    public int compare(Map.Entry<String, ?> a, Map.Entry<String, ?> b) {
        return b.getKey().compareTo(a.getKey());
    }
}
