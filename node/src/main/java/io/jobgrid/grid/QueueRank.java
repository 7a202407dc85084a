package io.jobgrid.grid;

import io.jobgrid.api.JobRecord;
import io.jobgrid.core.QueueItem;

import java.io.Serializable;
import java.util.Comparator;

/**
 * The order of the work queues' items, which Hazelcast's priority queues keep (the queue config
 * names this class, so every member orders its partitions' queues, primaries and backups alike,
 * by it). An item travels as {@code ID:ATTEMPT:RANK}, its rank being
 * {@link io.jobgrid.api.JobSpec#queueRank}: lower ranks first, and equal ranks by job id, because
 * Hazelcast's priority queue is a {@link java.util.PriorityQueue}, which keeps no order among
 * equals. An item without a rank (written by an older member) ranks 0: first.
 */
public final class QueueRank implements Comparator<String>, Serializable {
    private static final long serialVersionUID = 1L;
    /** What {@link #rank(String)} reads the items of every queue with. */
    static final QueueRank ORDER = new QueueRank();

    /** The item of a job's current attempt, with its rank. */
    static String text(JobRecord job) {
        return new QueueItem(job.id(), job.attempt(), job.spec().concurrencyKey()).text() + ":"
                + job.spec().queueRank(job.createdAt());
    }

    @Override
    public int compare(String a, String b) {
        int byRank = Long.compare(rank(a), rank(b));
        return byRank != 0 ? byRank : compareIds(a, b);
    }

    /** Compares the ids the items start with, without copying them: this runs on every heap step. */
    private static int compareIds(String a, String b) {
        int endA = end(a);
        int endB = end(b);
        for (int i = 0; i < Math.min(endA, endB); i++) {
            int c = Character.compare(a.charAt(i), b.charAt(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(endA, endB);
    }

    private static int end(String item) {
        int colon = item.indexOf(':');
        return colon < 0 ? item.length() : colon;
    }

    /** The rank an item carries; 0 for an item of the older form {@code ID:ATTEMPT}. */
    static long rank(String item) {
        int last = item.lastIndexOf(':');
        return last == item.indexOf(':') ? 0 : Long.parseLong(item, last + 1, item.length(), 10);
    }
}
