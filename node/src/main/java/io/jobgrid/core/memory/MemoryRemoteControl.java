package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.core.RemoteControl;
import io.jobgrid.core.Scheduler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every kill it is asked for, and forwards it to the {@link Scheduler} serving that
 * member id in this JVM, if one was registered with {@link #serve}. A kill for a member with no
 * scheduler here is only recorded, as a kill for a departed member finds nothing to kill.
 *
 * <p>Delivery is synchronous, on the caller's thread, and never lost; there is no network.
 */
public final class MemoryRemoteControl implements RemoteControl {
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final Map<String, Scheduler> schedulers = new ConcurrentHashMap<>();

    /** Makes {@code scheduler} the one that kills sent to member {@code memberId} reach. */
    public void serve(String memberId, Scheduler scheduler) {
        schedulers.put(Objects.requireNonNull(memberId, "memberId"), Objects.requireNonNull(scheduler, "scheduler"));
    }

    @Override
    public void kill(String nodeId, JobId id, int attempt) {
        kills.add(new Kill(nodeId, id, attempt));
        Scheduler scheduler = schedulers.get(nodeId);
        if (scheduler != null) {
            scheduler.kill(id, attempt);
        }
    }

    /** Every kill asked for so far, oldest first. */
    public List<Kill> kills() {
        return List.copyOf(kills);
    }

    /**
     * One kill as it was asked for.
     *
     * @param nodeId  the member id of the node asked to kill
     * @param id      the job
     * @param attempt the attempt to kill; a run at another attempt is left alone
     */
    public record Kill(String nodeId, JobId id, int attempt) {
        public Kill {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(id, "id");
            if (attempt < 0) {
                throw new IllegalArgumentException("attempt must not be negative, but was " + attempt);
            }
        }
    }
}
