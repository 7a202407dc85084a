package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Whether the cluster is safe now, as Hazelcast judges it ({@code PartitionService.isClusterSafe}):
 * no migration under way and every partition's backups in place and in sync on every member. Only
 * then does a backup count of 1 cover the next member death; right after a member joined, left or
 * merged back, Hazelcast is still copying partitions and it is not.
 *
 * <p>Hazelcast's check asks every member and waits for each answer, so a hung member holds it until
 * that member is removed. The answer here waits at most {@code wait} and is false when none came by
 * then; one check runs at a time, on a daemon thread of its own, and callers that come while it runs
 * wait for that check instead of starting another.
 */
public final class ClusterSafety implements BooleanSupplier {
    private final HazelcastInstance hz;
    private final Duration wait;
    private CompletableFuture<Boolean> running;

    public ClusterSafety(HazelcastInstance hz, Duration wait) {
        this.hz = hz;
        this.wait = wait;
    }

    /** True when the cluster answered safe within the wait; false when it is not, or did not say in time. */
    @Override
    public boolean getAsBoolean() {
        CompletableFuture<Boolean> check = current();
        try {
            return check.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException notKnown) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> current() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(() -> hz.getPartitionService().isClusterSafe(), task -> {
                Thread t = new Thread(task, "cluster-safe-check");
                t.setDaemon(true);
                t.start();
            });
        }
        return running;
    }
}
