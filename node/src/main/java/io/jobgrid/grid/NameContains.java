package io.jobgrid.grid;

import com.hazelcast.query.Predicate;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;

import java.util.Map;

/**
 * Jobs whose name contains a text, ignoring case: the name search of a listing. A predicate of its
 * own rather than Hazelcast's LIKE, so that a {@code %} or {@code _} in the text is taken literally.
 *
 * @param lowerText the text, already in {@link JobQuery#lower lower case}
 */
record NameContains(String lowerText) implements Predicate<String, JobRecord> {
    @Override
    public boolean apply(Map.Entry<String, JobRecord> entry) {
        String name = entry.getValue().name();
        return name != null && JobQuery.lower(name).contains(lowerText);
    }
}
