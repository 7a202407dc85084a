package io.jobgrid.api;

import java.io.Serializable;

/**
 * A job's place in a job array (see {@link Jobs#submitArray}): the array's id and the job's index,
 * 0 to count - 1, which the job sees as {@code JOBGRID_ARRAY_INDEX}. The array id is taken from the
 * same generator as job ids (so it sorts by time like them) but names no record of its own.
 */
public record ArrayMember(JobId array, int index) implements Serializable {
    public ArrayMember {
        if (array == null) {
            throw new InvalidInputException("array", "an array member needs its array's id, but was null");
        }
        if (index < 0 || index >= JobArray.MAX_COUNT) {
            throw new InvalidInputException("array.index", "array.index must be between 0 and "
                    + (JobArray.MAX_COUNT - 1) + ", but was " + index);
        }
    }
}
