package io.jobgrid.core;

import io.jobgrid.api.JobRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where queued jobs wait for a node to take them. Items are hints: the job record is the truth,
 * and a claim succeeds only while the record is QUEUED at the item's attempt (see
 * {@link QueueItem}), so a duplicate or out-of-date item is discarded harmlessly and a lost one
 * is offered again by recovery.
 *
 * <p>Order: a taker gets the best-ranked of the items it may take ({@link
 * io.jobgrid.api.JobSpec#queueRank}: higher priority first, aged by the time waited, then creation
 * order), across every queue it serves.
 */
public interface WorkQueue {
    /** Queues the job's current attempt; a retry waiting out its backoff is queued when that ends. */
    void offer(JobRecord job);

    /** Queues many jobs in as few round trips as the queue allows. */
    void offerAll(List<JobRecord> jobs);

    /** The side of the queue that a node with {@code tags} takes from: only work it may run. */
    Taker takerFor(Map<String, String> tags);

    /**
     * The side of the queue a node takes Java tasks from: only tasks whose route
     * ({@link io.jobgrid.api.TaskSpec#route()}) passes {@code hasRoute} and whose constraints
     * {@code tags} match. Shell takers never see tasks, task takers never see shell jobs.
     */
    Taker taskTakerFor(Map<String, String> tags, Predicate<String> hasRoute);

    /** Takes items for one node. Used by one thread. */
    interface Taker {
        /** The next item this node may run, waiting up to {@code wait}; null when none came. */
        QueueItem poll(Duration wait) throws InterruptedException;

        /**
         * Up to {@code max} items this node may run, waiting up to {@code wait} for the first;
         * empty when none came. A node with several free slots takes a backlog's items in one
         * round trip instead of one each.
         */
        default List<QueueItem> take(int max, Duration wait) throws InterruptedException {
            QueueItem item = poll(wait);
            return item == null ? List.of() : List.of(item);
        }
    }
}
