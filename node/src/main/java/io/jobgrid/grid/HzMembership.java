package io.jobgrid.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.jobgrid.core.Membership;
import io.jobgrid.grid.internal.Internals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The Hazelcast cluster as recovery sees it: members by their UUIDs, partitions and their owners. */
public final class HzMembership implements Membership {
    /** The member attribute that carries a node's jobgrid name. */

    private final HazelcastInstance hz;

    public HzMembership(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public boolean active() {
        return hz.getLifecycleService().isRunning();
    }

    @Override
    public Set<String> liveMemberIds() {
        Set<String> live = new HashSet<>();
        hz.getCluster().getMembers().forEach(m -> live.add(m.getUuid().toString()));
        return live;
    }

    @Override
    public void listen(Listener listener) {
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                listener.joined();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                Member gone = event.getMember();
                listener.left(gone.getUuid().toString(), gone.getAttribute(GridNames.MEMBER_NAME));
            }
        });
    }

    @Override
    public boolean settled() {
        return hz.getPartitionService().isClusterSafe();
    }

    /**
     * While the departed member still owns partitions, the master lifts any pause Hazelcast put on
     * its partition tasks after a failed migration, so the backups are promoted at once (see
     * {@link Internals#resumePartitionTasks}).
     */
    @Override
    public boolean awaitingPromotion(String memberId) {
        UUID gone = UUID.fromString(memberId);
        for (Partition p : hz.getPartitionService().getPartitions()) {
            Member owner = p.getOwner();
            if (owner == null || owner.getUuid().equals(gone)) {
                Internals.of(hz).resumePartitionTasks();
                return true;
            }
        }
        return false;
    }
}
